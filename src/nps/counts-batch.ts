import type { Kysely } from 'kysely';
import { localDay } from '../shared/calendar.js';
import type { Database, Flag } from '../storage/schema.js';
import { CellStore } from './cell-store.js';
import { CONTACT_MEASURES, NPS_MEASURES, TOPIC_MEASURES, writeCounts, type CountRows } from './counts-writer.js';
import { CELLS, DIMENSIONS, monthOf, type Dimension, type DimensionKeys } from './dimensions.js';

/**
 * The NPS aggregates: counts per score per contact day per dimension key, kept up to date in the
 * transaction that changes a survey (sent, answered, unparsed), so reports read periods × groups
 * rows and never the responses. A batch adds facts up by cell in memory (the cells of dimensions.ts),
 * then hands them to the writer (counts-writer.ts).
 */

/** What one survey adds to the aggregates (a change adds its difference: sending adds `sent: 1`). */
export interface SurveyFact {
  contactStartedAt: number;
  keys: DimensionKeys;
  basis: string;
  sent: number;
  unparsed: number;
  /** the answered score, or null */
  score: number | null;
  resolved: Flag | null;
  /** topics of the comment (answered surveys) */
  topics: readonly { topic: string; sentiment: number }[];
}

/**
 * What one contact counts for in contact_counts (advisor-recorded resolution and FCR): its
 * snapshot, and its FCR state now. A change of a contact is its old state taken away and its new
 * one added.
 */
export interface ContactFact {
  startedAt: number;
  keys: DimensionKeys;
  /** the advisor recorded it as resolved */
  resolved: boolean;
  /** it is a repeat of an earlier contact for the same reason within the FCR window */
  repeat: boolean;
  /** recorded resolved and no repeat contact (yet: within the window this can still change) */
  fcr: boolean;
}

/** Index of the count of score 0 among the measures of nps_counts and topic_counts. */
const NPS_SCORE = NPS_MEASURES.indexOf('s0');
const TOPIC_SCORE = TOPIC_MEASURES.indexOf('s0');

/** The values of a batch (dimension keys and topics, days, bases), each to a small number below `size`. */
class Dictionary<T extends string | number> {
  private readonly ids = new Map<T, number>();
  readonly values: T[] = [];

  constructor(private readonly size: number, private readonly what: string) {}

  id(value: T): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      if (id >= this.size) throw new RangeError(`more than ${this.size} ${this.what} in one batch of aggregates; write the batch more often`);
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

/**
 * A cell's key as two small integers, so that no key allocates (V8 keeps integers below 2^30
 * unboxed): high = cell index (< 37) and first key id (16 bits); low = second key id (16 bits),
 * time id (11 bits: 5 years of days) and basis id (3 bits).
 */
const KEY_BITS = 2 ** 16;
const TIME_BITS = 2 ** 11;
const BASIS_BITS = 2 ** 3;

function lowKey(second: number, time: number, basis: number): number {
  return (second * TIME_BITS + time) * BASIS_BITS + basis;
}

function splitKey(high: number, low: number): { c: number; first: number; second: number; time: number; basis: number } {
  const basis = low % BASIS_BITS;
  const time = Math.floor(low / BASIS_BITS) % TIME_BITS;
  return { c: Math.floor(high / KEY_BITS), first: high % KEY_BITS, second: Math.floor(low / (BASIS_BITS * TIME_BITS)), time, basis };
}

const DIMENSION_INDEX = Object.fromEntries(DIMENSIONS.map((d, i) => [d, i])) as Record<Dimension, number>;
const TOPIC_CELL_INDEXES = CELLS.flatMap(([, , second, monthly], c) => (second === null && !monthly ? [c] : []));
/** Each cell's first and second dimension as an index into a fact's key ids (DIMENSIONS.length: none). */
const CELL_FIRST = CELLS.map(([, a]) => (a ? DIMENSION_INDEX[a] : DIMENSIONS.length));
const CELL_SECOND = CELLS.map(([, , b]) => (b ? DIMENSION_INDEX[b] : DIMENSIONS.length));
const CELL_MONTHLY = CELLS.map(([, , , monthly]) => monthly);

/** Cells held before a batch asks to be written (memory: ~100 bytes each). */
const MAX_CELLS = 200_000;

/**
 * Facts added up by cell in memory, then written with one upsert per cell. Cells are keyed by
 * numbers (cell index and dictionary ids), which is several times faster than string keys when a
 * batch holds a hundred thousand facts. Cells are written in key order, so two transactions adding
 * to the same cells lock them in the same order (no deadlock).
 */
export class CountsBatch {
  private keys = new Dictionary<string>(KEY_BITS, 'dimension keys and topics');
  private times = new Dictionary<number>(TIME_BITS, 'days and months');
  private bases = new Dictionary<string>(BASIS_BITS, 'NPS bases');
  private readonly nps = new CellStore(NPS_MEASURES.length);
  private readonly topics = new CellStore(TOPIC_MEASURES.length);
  private readonly contacts = new CellStore(CONTACT_MEASURES.length);

  /** Reused from fact to fact (no allocation per fact): the changes, the fact's key ids, its day and basis ids. */
  private readonly changes: number[] = [];
  private readonly keyIds = new Int32Array(DIMENSIONS.length + 1);
  private dayId = 0;
  private basisId = 0;

  get size(): number {
    return this.nps.size + this.topics.size + this.contacts.size;
  }

  /** Write the batch before adding more: it holds many cells, or its dictionaries are nearly full. */
  get full(): boolean {
    return (
      this.size >= MAX_CELLS || this.keys.values.length > KEY_BITS - 64 || this.times.values.length > TIME_BITS - 4 || this.bases.values.length >= BASIS_BITS - 1
    );
  }

  /** Adds a contact's state (sign 1), or takes it away (sign −1). */
  addContact(fact: ContactFact, sign: 1 | -1): void {
    const changes = this.changes;
    changes.length = 0;
    changes.push(0, sign);
    if (fact.resolved) changes.push(1, sign);
    if (fact.repeat) changes.push(2, sign);
    if (fact.fcr) changes.push(3, sign);
    this.addCells(this.contacts, fact.startedAt, fact.keys, '', changes);
  }

  add(fact: SurveyFact): void {
    // The measures this fact adds to, as (index, amount): a survey touches at most four of them.
    const changes = this.changes;
    changes.length = 0;
    if (fact.sent) changes.push(0, fact.sent);
    if (fact.unparsed) changes.push(1, fact.unparsed);
    if (fact.resolved === 1) changes.push(2, 1);
    if (fact.resolved === 0) changes.push(3, 1);
    if (fact.score !== null) changes.push(NPS_SCORE + fact.score, 1);
    this.addCells(this.nps, fact.contactStartedAt, fact.keys, fact.basis, changes);
    if (fact.score === null) return;
    const keyIds = this.keyIds;
    for (const { topic, sentiment } of fact.topics) {
      const low = lowKey(this.keys.id(topic), this.dayId, this.basisId);
      changes.length = 0;
      if (sentiment < 0) changes.push(0, 1);
      changes.push(TOPIC_SCORE + fact.score, 1);
      for (const c of TOPIC_CELL_INDEXES) this.topics.add(c * KEY_BITS + keyIds[CELL_FIRST[c]!]!, low, changes);
    }
  }

  /** Adds changes to the 37 cells of one fact: all and each dimension per day and per month, each pair per month. */
  private addCells(cells: CellStore, at: number, keys: DimensionKeys, basis: string, changes: readonly number[]): void {
    const day = localDay(at);
    const dayId = (this.dayId = this.times.id(day));
    const monthId = this.times.id(monthOf(day));
    const basisId = (this.basisId = this.bases.id(basis));
    // Ids of the fact's keys by dimension index; the last slot is '' (no dimension).
    const keyIds = this.keyIds;
    for (let d = 0; d < DIMENSIONS.length; d++) keyIds[d] = this.keys.id(keys[DIMENSIONS[d]!]);
    keyIds[DIMENSIONS.length] = this.keys.id('');
    for (let c = 0; c < CELLS.length; c++) {
      cells.add(c * KEY_BITS + keyIds[CELL_FIRST[c]!]!, lowKey(keyIds[CELL_SECOND[c]!]!, CELL_MONTHLY[c] ? monthId : dayId, basisId), changes);
    }
  }

  async write(db: Kysely<Database>): Promise<void> {
    await writeCounts(db, this.take());
  }

  /**
   * The batch's cells as the parameters of their upserts, and the batch emptied: what write()
   * writes, in a form that can be posted to another thread and written there.
   */
  take(): CountRows {
    const rows: CountRows = {
      nps: this.parameters(this.nps, true),
      topics: this.parameters(this.topics, true),
      contacts: this.parameters(this.contacts, false),
    };
    this.nps.clear();
    this.topics.clear();
    this.contacts.clear();
    this.keys = new Dictionary<string>(KEY_BITS, 'dimension keys and topics');
    this.times = new Dictionary<number>(TIME_BITS, 'days and months');
    this.bases = new Dictionary<string>(BASIS_BITS, 'NPS bases');
    return rows;
  }

  /** A store's cells in key order, row after row: key columns (with the basis or not), then the measures. */
  private parameters(store: CellStore, withBasis: boolean): unknown[] {
    const parameters: unknown[] = [];
    store.forEachSorted((high, low, measures) => {
      const { c, first, second, time, basis } = splitKey(high, low);
      parameters.push(CELLS[c]![0], this.keys.values[first]!, this.times.values[time]!, this.keys.values[second]!);
      if (withBasis) parameters.push(this.bases.values[basis]!);
      for (let m = 0; m < measures.length; m++) parameters.push(measures[m]!);
    });
    return parameters;
  }
}

/** Adds facts to the aggregates, in the caller's transaction. */
export async function addFacts(db: Kysely<Database>, facts: Iterable<SurveyFact>): Promise<void> {
  const batch = new CountsBatch();
  for (const fact of facts) batch.add(fact);
  await batch.write(db);
}
