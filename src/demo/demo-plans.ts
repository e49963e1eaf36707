import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { definePlan, type PlanBucketTerms, type Segment } from '../usage/plans.js';

/**
 * The demo's plan catalogue: the plans the demo's lines carry (catalogue.ts), with what each includes per
 * billing period and what a block beyond it costs (docs/self-service.md, "Plans"). Invented, plausible figures.
 */
const GB = 1_000_000_000;
const MB = 1_000_000;

/** data at home, EU/EEA fair use, data elsewhere included, voice seconds, SMS; null: unlimited */
type Allowances = [home: number | null, eu: number | null, world: number, voice: number | null, sms: number | null];

const MOBILE: Record<string, [monthlyEuros: number, allowances: Allowances]> = {
  'Love Duo': [35, [20 * GB, 12 * GB, 0, null, null]],
  'Love Trio': [50, [50 * GB, 20 * GB, 0, null, null]],
  'Go Europe': [45, [100 * GB, 35 * GB, 0, null, null]],
  'Go World': [70, [100 * GB, 35 * GB, 2 * GB, null, null]],
  Kids: [12, [5 * GB, 5 * GB, 0, 300 * 60, 500]],
  Senior: [15, [2 * GB, 2 * GB, 0, null, null]],
  'Prepaid Easy': [10, [3 * GB, 3 * GB, 0, 60 * 60, 100]],
  'Data Max': [60, [null, 40 * GB, 0, null, null]],
  'Go Europe Young': [30, [60 * GB, 25 * GB, 0, null, null]],
  'Business Pro': [40, [50 * GB, 25 * GB, 0, null, null]],
  'Business Unlimited': [75, [null, 45 * GB, 1 * GB, null, null]],
  'Business Europe': [55, [80 * GB, 40 * GB, 0, null, null]],
};

const FIXED: Record<string, number> = {
  'Fibre 1 Gbps': 60, 'Fibre 300 Mbps': 45, 'Fibre + TV': 75, 'Téléphonie fixe': 20,
  'Business Fibre 1 Gbps': 90, 'Business Fibre 10 Gbps': 250, 'Business Voice': 35,
};

function buckets([home, eu, world, voice, sms]: Allowances): PlanBucketTerms[] {
  return [
    { bucket: 'data_national', allowance: home, blockUnits: MB, blockPriceCents: 1 },
    { bucket: 'data_eu', allowance: eu, blockUnits: MB, blockPriceCents: 1 },
    { bucket: 'data_world', allowance: world, blockUnits: MB, blockPriceCents: 199 },
    { bucket: 'voice', allowance: voice, blockUnits: 60, blockPriceCents: 20 },
    { bucket: 'sms', allowance: sms, blockUnits: 1, blockPriceCents: 10 },
  ];
}

/**
 * Who may change to a plan in the app (docs/self-service.md, "Changing plan"): business plans to
 * businesses, the others to residential customers; prepaid is not changed to from a contract.
 */
function offerOf(code: string): Segment[] {
  if (code === 'Prepaid Easy') return [];
  return code.startsWith('Business') ? ['business'] : ['residential'];
}

export async function loadDemoPlans(db: Kysely<Database>, now: number = Date.now()): Promise<void> {
  for (const [code, [euros, allowances]] of Object.entries(MOBILE)) {
    await definePlan(db, { code, name: code, monthlyPriceCents: euros * 100, buckets: buckets(allowances), offeredTo: offerOf(code), lineKind: 'mobile' }, now);
  }
  for (const [code, euros] of Object.entries(FIXED)) {
    await definePlan(db, { code, name: code, monthlyPriceCents: euros * 100, buckets: [{ bucket: 'voice', allowance: null, blockUnits: 60, blockPriceCents: 0 }], offeredTo: offerOf(code), lineKind: 'landline' }, now);
  }
}
