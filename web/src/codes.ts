import type { Channel } from './types.js';

/** The contact channels, in the order forms offer them. */
export const CHANNELS: readonly Channel[] = ['phone', 'shop', 'email', 'chat', 'app', 'web', 'social'];
