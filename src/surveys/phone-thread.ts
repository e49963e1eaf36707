import type { Kysely } from 'kysely';
import type { SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import type { Database } from '../storage/schema.js';

/** One SMS of a simulated phone's thread: `to_phone` the phone received, `from_phone` it sent. */
export interface ThreadMessage {
  direction: 'to_phone' | 'from_phone';
  text: string;
  /** epoch ms */
  at: number;
  from: string;
  to: string;
}

/** The SMS a simulated phone received (from the simulator) and sent (replies Ecoute stored), oldest first. */
export async function phoneThread(db: Kysely<Database>, simulator: SmscSimulator, msisdn: string): Promise<ThreadMessage[]> {
  const received = simulator.messagesTo(msisdn).map((m) => ({ direction: 'to_phone' as const, text: m.text, at: m.receivedAt, from: m.from, to: m.to }));
  const sent = await db
    .selectFrom('sms_messages')
    .select(['text', 'created_at'])
    .where('direction', '=', 'in')
    .where('msisdn', '=', msisdn)
    .orderBy('created_at')
    .execute();
  const to = received.at(-1)?.from ?? 'SMS';
  return [...received, ...sent.map((m) => ({ direction: 'from_phone' as const, text: m.text, at: m.created_at, from: msisdn, to }))].sort((a, b) => a.at - b.at);
}
