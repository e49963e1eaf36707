import { createHash } from 'node:crypto';

/**
 * The coach's sample of contacts to listen to (docs/quality.md, "Sampling"): a pure function of the
 * period's eligible contacts, a seed and the sizes. It reads and writes nothing, and its result does
 * not depend on the order of its input, so anyone holding the seed and the period's contacts can
 * re-derive the same sample in a few lines:
 *
 * 1. every contact's sort key is SHA-256(`${seed}:${contactId}`) in hex;
 * 2. an advisor's contacts are ordered by stratum key (channel|reason|resolved|band, ascending) and,
 *    within a stratum, by sort key (then id);
 * 3. the n random items are drawn systematically over that list: with N contacts and
 *    r = SHA-256(`${seed}:start:${advisorId}`) read as an integer, mod N, the items are at positions
 *    ⌊(r + i·N)/n⌋ for i = 0…n−1 (all N when N ≤ n). Every contact has the same chance n/N
 *    (an unbiased estimate), and every stratum gets ⌊n·Nₛ/N⌋ or ⌈n·Nₛ/N⌉ items (proportional
 *    allocation, as the largest remainder rounds), which also covers n below the number of strata;
 * 4. the detractor oversample: the advisor's detractor-rated contacts (survey score 0–6) not drawn in
 *    step 3, by sort key, the first `oversample`. They form their own stratum `detractor-oversample`
 *    and never enter the random estimate (`randomItems`).
 */

export const DETRACTOR_STRATUM = 'detractor-oversample';

export type TimeBand = 'morning' | 'afternoon' | 'evening';

/** The band of a local hour (Europe/Luxembourg): morning before 12:00, afternoon until 17:00, evening after. */
export function timeBand(localHour: number): TimeBand {
  if (localHour < 12) return 'morning';
  return localHour < 17 ? 'afternoon' : 'evening';
}

export interface EligibleContact {
  id: string;
  advisorId: string;
  channel: string;
  /** contact reason code, null when none was coded */
  reason: string | null;
  resolved: boolean;
  /** hour of the start, 0–23, in the operator's time zone */
  localHour: number;
  /** the contact's survey answer is a detractor score (0–6) */
  detractor: boolean;
}

export interface DrawParameters {
  seed: string;
  /** random items per advisor */
  perAdvisor: number;
  /** detractor-rated items per advisor, on top of the random ones */
  oversample: number;
}

export type SampleItemKind = 'random' | 'detractor-oversample';

/** Why an item was drawn: what the console shows beside it. */
export interface DrawReason {
  stratum: string;
  /** eligible contacts of the advisor in this stratum */
  stratumSize: number;
  /** eligible contacts of the advisor */
  advisorPopulation: number;
  /** stratumSize / advisorPopulation */
  share: number;
  /** items the stratum received (random: of perAdvisor; oversample: of the oversample) */
  allocated: number;
  /** 1-based rank of the contact by sort key within its stratum */
  rank: number;
  /** SHA-256(`${seed}:${contactId}`), hex */
  sortKey: string;
}

export interface DrawnItem {
  contactId: string;
  advisorId: string;
  kind: SampleItemKind;
  stratum: string;
  why: DrawReason;
}

export interface AdvisorDraw {
  advisorId: string;
  population: number;
  items: DrawnItem[];
}

export interface Draw {
  seed: string;
  perAdvisor: number;
  oversample: number;
  /** SHA-256 of the eligible contact ids, sorted, one a line: checks that a re-derivation saw the same contacts */
  populationHash: string;
  advisors: AdvisorDraw[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function sortKey(seed: string, contactId: string): string {
  return sha256(`${seed}:${contactId}`);
}

export function stratumKey(contact: Pick<EligibleContact, 'channel' | 'reason' | 'resolved' | 'localHour'>): string {
  return [contact.channel, contact.reason ?? 'none', contact.resolved ? 'resolved' : 'unresolved', timeBand(contact.localHour)].join('|');
}

export function populationHash(contactIds: readonly string[]): string {
  return sha256([...contactIds].sort().join('\n'));
}

function checkParameters({ seed, perAdvisor, oversample }: DrawParameters): void {
  if (seed.length === 0) throw new RangeError('a draw needs a seed');
  for (const [name, value] of [['perAdvisor', perAdvisor], ['oversample', oversample]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} is a whole number ≥ 0, not ${value}`);
  }
}

interface Keyed {
  contact: EligibleContact;
  stratum: string;
  key: string;
}

const byKey = (a: Keyed, b: Keyed) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.contact.id < b.contact.id ? -1 : 1);
const byStratumThenKey = (a: Keyed, b: Keyed) => (a.stratum < b.stratum ? -1 : a.stratum > b.stratum ? 1 : byKey(a, b));

/** Positions ⌊(r + i·N)/n⌋, i = 0…n−1, of a systematic draw of n among N from start r (0 ≤ r < N). */
export function systematicPositions(population: number, n: number, start: number): number[] {
  if (n >= population) return Array.from({ length: population }, (_, i) => i);
  return Array.from({ length: n }, (_, i) => Math.floor((start + i * population) / n));
}

function startFor(seed: string, advisorId: string, population: number): number {
  if (population === 0) return 0;
  return Number(BigInt(`0x${sha256(`${seed}:start:${advisorId}`)}`) % BigInt(population));
}

function drawAdvisor(advisorId: string, contacts: readonly EligibleContact[], parameters: DrawParameters): AdvisorDraw {
  const { seed, perAdvisor, oversample } = parameters;
  const keyed = contacts
    .map((contact): Keyed => ({ contact, stratum: stratumKey(contact), key: sortKey(seed, contact.id) }))
    .sort(byStratumThenKey);
  const population = keyed.length;
  const strata = new Map<string, Keyed[]>();
  for (const entry of keyed) {
    const list = strata.get(entry.stratum) ?? [];
    list.push(entry);
    strata.set(entry.stratum, list);
  }
  const picked = systematicPositions(population, perAdvisor, startFor(seed, advisorId, population)).map((i) => keyed[i] as Keyed);
  const allocated = new Map<string, number>();
  for (const entry of picked) allocated.set(entry.stratum, (allocated.get(entry.stratum) ?? 0) + 1);
  const items: DrawnItem[] = picked.map((entry) => {
    const stratum = strata.get(entry.stratum) as Keyed[];
    return {
      contactId: entry.contact.id,
      advisorId,
      kind: 'random',
      stratum: entry.stratum,
      why: {
        stratum: entry.stratum,
        stratumSize: stratum.length,
        advisorPopulation: population,
        share: stratum.length / population,
        allocated: allocated.get(entry.stratum) ?? 0,
        rank: stratum.indexOf(entry) + 1,
        sortKey: entry.key,
      },
    };
  });
  const drawn = new Set(picked.map((entry) => entry.contact.id));
  const detractors = keyed.filter((entry) => entry.contact.detractor).sort(byKey);
  const extra = detractors.filter((entry) => !drawn.has(entry.contact.id)).slice(0, oversample);
  for (const entry of extra) {
    items.push({
      contactId: entry.contact.id,
      advisorId,
      kind: 'detractor-oversample',
      stratum: DETRACTOR_STRATUM,
      why: {
        stratum: DETRACTOR_STRATUM,
        stratumSize: detractors.length,
        advisorPopulation: population,
        share: population === 0 ? 0 : detractors.length / population,
        allocated: extra.length,
        rank: detractors.indexOf(entry) + 1,
        sortKey: entry.key,
      },
    });
  }
  return { advisorId, population, items };
}

/** The sample of a period: per advisor (ordered by id), the random items then the detractor oversample. */
export function drawSample(contacts: readonly EligibleContact[], parameters: DrawParameters): Draw {
  checkParameters(parameters);
  const perAdvisor = new Map<string, EligibleContact[]>();
  const seen = new Set<string>();
  for (const contact of contacts) {
    if (seen.has(contact.id)) throw new RangeError(`contact ${contact.id} appears twice`);
    seen.add(contact.id);
    const list = perAdvisor.get(contact.advisorId) ?? [];
    list.push(contact);
    perAdvisor.set(contact.advisorId, list);
  }
  const advisors = [...perAdvisor.keys()].sort().map((id) => drawAdvisor(id, perAdvisor.get(id) ?? [], parameters));
  return {
    seed: parameters.seed,
    perAdvisor: parameters.perAdvisor,
    oversample: parameters.oversample,
    populationHash: populationHash([...seen]),
    advisors,
  };
}

/** The items that make the random estimate of the team's quality score: never the detractor oversample. */
export function randomItems<T extends { kind: SampleItemKind }>(items: readonly T[]): T[] {
  return items.filter((item) => item.kind === 'random');
}

/**
 * The replacement of a drawn contact, by the same rule: the next contact by sort key in the same
 * stratum (the detractor stratum for the oversample) that is not in the sample, nor was ever in it.
 * Null when the stratum has none left.
 */
export function replacementFor(
  contacts: readonly EligibleContact[],
  seed: string,
  item: { advisorId: string; kind: SampleItemKind; stratum: string },
  taken: ReadonlySet<string>,
): { contactId: string; why: DrawReason } | null {
  const own = contacts.filter((c) => c.advisorId === item.advisorId);
  const members = own
    .filter((c) => (item.kind === 'random' ? stratumKey(c) === item.stratum : c.detractor))
    .map((contact): Keyed => ({ contact, stratum: item.stratum, key: sortKey(seed, contact.id) }))
    .sort(byKey);
  const index = members.findIndex((entry) => !taken.has(entry.contact.id));
  const next = members[index];
  if (!next) return null;
  return {
    contactId: next.contact.id,
    why: {
      stratum: item.stratum,
      stratumSize: members.length,
      advisorPopulation: own.length,
      share: own.length === 0 ? 0 : members.length / own.length,
      allocated: 1,
      rank: index + 1,
      sortKey: next.key,
    },
  };
}
