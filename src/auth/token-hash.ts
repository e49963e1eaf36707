import { createHash } from 'node:crypto';

/** What is stored of a bearer secret (an API token, a staff or customer session cookie): its SHA-256, never the value. */
export const hashToken = (value: string) => createHash('sha256').update(value).digest('hex');
