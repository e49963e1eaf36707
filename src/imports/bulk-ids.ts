import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * UUID v7 ids for bulk loads: the same ids as newId() (src/shared/ids.ts), monotonic within the
 * process, but drawing the random bits from a pooled buffer. newId() asks the operating system for
 * 16 random bytes per id, which was a fifth of the time of a customer import.
 */
const POOL_IDS = 4096;
const pool = new Uint8Array(16 * POOL_IDS);
let next = POOL_IDS;
let lastMs = -Infinity;
let seq = 0;

export function bulkId(): string {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const random = pool.subarray(next * 16, next * 16 + 16);
  next++;
  const now = Date.now();
  if (now > lastMs) {
    // As uuid does: a random 31-bit counter start each millisecond, incremented within it.
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    lastMs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs++;
  }
  return uuidv7({ random, msecs: lastMs, seq });
}
