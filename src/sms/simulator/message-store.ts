/**
 * The messages the SMSC simulator received, whole: concatenated parts are put back together (by
 * sender, destination and concatenation reference) before a message is stored, and messages are
 * kept per destination number in arrival order.
 */
import { alphabetOf } from '../encoding.js';

export interface SimulatedMessage {
  /** Message id of the first part. */
  id: string;
  partIds: string[];
  /** Sender id or number as submitted (numbers in E.164). */
  from: string;
  /** Destination, E.164. */
  to: string;
  text: string;
  encoding: 'gsm7' | 'ucs2' | 'other';
  dataCoding: number;
  parts: number;
  systemId: string;
  receivedAt: number;
}

/** The concatenation header of a part; `key`, when given, replaces the reference to match parts. */
export interface PartConcat {
  reference: number;
  total: number;
  sequence: number;
  key?: string;
}

interface Assembly {
  parts: ({ text: string; id: string } | undefined)[];
  received: number;
}

export class MessageStore {
  private readonly messages: SimulatedMessage[] = [];
  private readonly byNumber = new Map<string, SimulatedMessage[]>();
  private readonly assemblies = new Map<string, Assembly>();

  /** Adds a part; answers the whole message once its last part has arrived, undefined before. */
  add(
    systemId: string,
    from: string,
    to: string,
    dataCoding: number,
    concat: PartConcat | undefined,
    part: { text: string; id: string },
  ): SimulatedMessage | undefined {
    let parts: { text: string; id: string }[];
    if (!concat) {
      parts = [part];
    } else {
      const key = `${systemId}\u0000${from}\u0000${to}\u0000${concat.key ?? concat.reference}\u0000${concat.total}`;
      let assembly = this.assemblies.get(key);
      if (!assembly) {
        assembly = { parts: new Array(concat.total).fill(undefined), received: 0 };
        this.assemblies.set(key, assembly);
      }
      if (!assembly.parts[concat.sequence - 1]) assembly.received++;
      assembly.parts[concat.sequence - 1] = part;
      if (assembly.received < concat.total) return undefined;
      this.assemblies.delete(key);
      parts = assembly.parts as { text: string; id: string }[];
    }
    const alphabet = alphabetOf(dataCoding);
    const message: SimulatedMessage = {
      id: parts[0]!.id,
      partIds: parts.map((p) => p.id),
      from,
      to,
      text: parts.map((p) => p.text).join(''),
      encoding: alphabet === 'gsm' ? 'gsm7' : alphabet === 'ucs2' ? 'ucs2' : 'other',
      dataCoding,
      parts: parts.length,
      systemId,
      receivedAt: Date.now(),
    };
    this.messages.push(message);
    const list = this.byNumber.get(to) ?? [];
    list.push(message);
    this.byNumber.set(to, list);
    return message;
  }

  /** Whole messages to a number (E.164), in arrival order. */
  to(msisdn: string): SimulatedMessage[] {
    return [...(this.byNumber.get(msisdn) ?? [])];
  }

  /** Every whole message, in arrival order. */
  all(): SimulatedMessage[] {
    return [...this.messages];
  }
}
