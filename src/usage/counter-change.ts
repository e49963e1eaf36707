import type { UsageBucket } from '../storage/schema.js';

/** A counter as a batch of usage left it (src/usage/usage-ingest.ts), for what reacts to it (alerts). */
export interface CounterChange {
  lineId: string;
  periodStart: number;
  bucket: UsageBucket;
  /** the count before this batch and after it */
  before: number;
  used: number;
  allowance: number | null;
  /** the counter's price beyond its allowance: each started block of `blockUnits` costs `blockPriceCents` */
  blockUnits: number;
  blockPriceCents: number;
}
