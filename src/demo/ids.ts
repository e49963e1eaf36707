import type { Random } from './random.js';

/**
 * Time base of the demo ids (2025-01-01T00:00:00Z): every demo id sorts before any id created
 * afterwards with newId(), and the same seed gives the same ids whatever the day of the load.
 */
export const DEMO_ID_TIME_BASE = Date.UTC(2025, 0, 1);

const HEX4: string[] = Array.from({ length: 65536 }, (_, i) => i.toString(16).padStart(4, '0'));
const VARIANT = ['8', '9', 'a', 'b'];

/**
 * UUID v7 ids from a seeded stream (RFC 9562 layout, method 1 counter): the 48-bit time field is
 * DEMO_ID_TIME_BASE + a slot (one millisecond per customer), rand_a a 12-bit counter inside the slot,
 * rand_b random. Ids of one table therefore grow with the customer index, which keeps every
 * primary-key insert an append.
 */
export class DemoIds {
  private prefix = '';
  private counter = 0;

  constructor(private readonly rng: Random) {}

  /** Starts the ids of slot `slot` (a customer index, or a negative slot for staff and sites). */
  startSlot(slot: number): void {
    const hex = (DEMO_ID_TIME_BASE + slot).toString(16).padStart(12, '0');
    this.prefix = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7`;
    this.counter = 0;
  }

  next(): string {
    if (this.counter > 0xfff) throw new RangeError('more than 4096 ids in one demo id slot');
    const seq = this.counter++;
    const r1 = this.rng.uint32();
    const r2 = this.rng.uint32();
    const a = HEX4[r1 >>> 16] as string;
    return `${this.prefix}${(HEX4[seq] as string).slice(1)}-${VARIANT[r1 >>> 30]}${a.slice(1)}-${HEX4[r1 & 0xffff]}${HEX4[r2 >>> 16]}${HEX4[r2 & 0xffff]}`;
  }
}
