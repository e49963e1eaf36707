import { z } from '@hono/zod-openapi';

/** What a telephony event did. */
export const telephonyResult = z
  .object({ duplicate: z.boolean(), callId: z.string(), customerId: z.string().nullable(), interactionId: z.string().nullable() })
  .openapi('TelephonyResult');
export type TelephonyResult = z.infer<typeof telephonyResult>;

/** A simulated call ringing on the advisor's console (demo mode). */
export const simulatedCall = z.object({ callId: z.string(), phone: z.string(), customerId: z.string().nullable() });
