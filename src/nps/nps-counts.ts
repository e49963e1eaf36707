import { CompiledQuery, sql, type Kysely } from 'kysely';
import { capabilitiesOf, rowsPerStatement } from '../storage/database.js';
import type { Database, Flag, ScoreCounts } from '../storage/schema.js';
import { localDay } from '../shared/calendar.js';

/**
 * The NPS aggregates: counts per score per contact day per dimension key, kept up to date in the
 * transaction that changes a survey (sent, answered, unparsed), so reports read periods × groups
 * rows and never the responses. Every survey is one fact; a fact adds to 37 cells: all surveys and
 * each dimension alone, per day and per month, and each pair of dimensions (any two crossed) per
 * month. Pairs per day would multiply the table by the advisors × reasons of every day; crossed
 * figures are read by month, quarter or year (finer ones come from the surveys, see nps-report.ts).
 */

/** The dimensions, in the order pairs are written (team first: team leads filter on it). */
export const DIMENSIONS = ['team', 'site', 'channel', 'segment', 'language', 'reason', 'advisor'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** A survey's snapshot: where its figures go. Absent values (no reason code, no account) are ''. */
export type DimensionKeys = Record<Dimension, string>;

/** The NPS basis of a survey version, written `min-max/promoterMin/detractorMax`. */
export interface Basis {
  scaleMin: number;
  scaleMax: number;
  promoterMin: number;
  detractorMax: number;
}

export function basisKey(b: Basis): string {
  return `${b.scaleMin}-${b.scaleMax}/${b.promoterMin}/${b.detractorMax}`;
}

export function parseBasis(key: string): Basis {
  const m = /^(\d+)-(\d+)\/(\d+)\/(\d+)$/.exec(key);
  if (!m) throw new Error(`not a basis: ${key}`);
  return { scaleMin: Number(m[1]), scaleMax: Number(m[2]), promoterMin: Number(m[3]), detractorMax: Number(m[4]) };
}

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

/** The column of each dimension in a survey (alias `s`) or a response: its snapshot of the contact. */
export const SURVEY_COLUMN: Record<Dimension, string> = {
  team: 's.team_id', site: 's.site_id', channel: 's.channel', segment: 's.segment', language: 's.language', reason: 's.reason_code', advisor: 's.advisor_id',
};

/** A survey row's dimension keys. */
export function keysOf(s: {
  team_id: string | null; site_id: string | null; channel: string; segment: string | null; language: string; reason_code: string | null; advisor_id: string | null;
}): DimensionKeys {
  return {
    team: s.team_id ?? '', site: s.site_id ?? '', channel: s.channel, segment: s.segment ?? '', language: s.language,
    reason: s.reason_code ?? '', advisor: s.advisor_id ?? '',
  };
}

/** Prefix of the `dims` of single-dimension cells kept per month. */
const MONTHLY = 'm:';

/**
 * The cells of every fact: [dims, first dimension, second dimension, per month]. All and each
 * dimension alone per day, and again per month (`m:`, `m:team`: a monthly report reads a row per
 * month, not 30); each pair of dimensions per month.
 */
const CELLS: readonly (readonly [dims: string, first: Dimension | null, second: Dimension | null, monthly: boolean])[] = [
  ['', null, null, false],
  ...DIMENSIONS.map((d) => [d, d, null, false] as const),
  [MONTHLY, null, null, true],
  ...DIMENSIONS.map((d) => [`${MONTHLY}${d}`, d, null, true] as const),
  ...DIMENSIONS.flatMap((a, i) => DIMENSIONS.slice(i + 1).map((b) => [`${a},${b}`, a, b, true] as const)),
];

/** The day monthly cells are kept on: the first of the month (yyyymm01). */
export function monthOf(day: number): number {
  return Math.floor(day / 100) * 100 + 1;
}

/**
 * The `dims` value of a grouping, in DIMENSIONS order: per day '' for all or `team`; per month
 * `m:` or `m:team`, and pairs (`team,reason`, always per month).
 */
export function dimsOf(dimensions: readonly Dimension[], monthly = false): { dims: string; order: Dimension[] } {
  const order = [...dimensions].sort((a, b) => DIMENSIONS.indexOf(a) - DIMENSIONS.indexOf(b));
  return { dims: monthly && order.length < 2 ? `${MONTHLY}${order.join(',')}` : order.join(','), order };
}

const NPS_MEASURES = ['sent', 'unparsed', 'resolved_yes', 'resolved_no', 's0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10'] as const;
const TOPIC_MEASURES = ['negative', 's0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10'] as const;
const CONTACT_MEASURES = ['contacts', 'resolved', 'repeats', 'fcr'] as const;
const NPS_SCORE = 4;
const TOPIC_SCORE = 1;

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

/** Cells taken from a batch: per table, the parameters of its upserts (see CountsBatch.take). */
export interface CountRows {
  nps: unknown[];
  topics: unknown[];
  contacts: unknown[];
}

/** Writes cells taken from a batch (adding to the cells already there), in the caller's transaction. */
export async function writeCounts(db: Kysely<Database>, rows: CountRows): Promise<void> {
  await upsert(db, 'nps_counts', ['dims', 'key1', 'day', 'key2', 'basis'], NPS_MEASURES, rows.nps);
  await upsert(db, 'topic_counts', ['dims', 'key1', 'day', 'topic', 'basis'], TOPIC_MEASURES, rows.topics);
  await upsert(db, 'contact_counts', ['dims', 'key1', 'day', 'key2'], CONTACT_MEASURES, rows.contacts);
}

const DIMENSION_INDEX = Object.fromEntries(DIMENSIONS.map((d, i) => [d, i])) as Record<Dimension, number>;
const TOPIC_CELL_INDEXES = CELLS.flatMap(([, , second, monthly], c) => (second === null && !monthly ? [c] : []));
/** Each cell's first and second dimension as an index into a fact's key ids (DIMENSIONS.length: none). */
const CELL_FIRST = CELLS.map(([, a]) => (a ? DIMENSION_INDEX[a] : DIMENSIONS.length));
const CELL_SECOND = CELLS.map(([, , b]) => (b ? DIMENSION_INDEX[b] : DIMENSIONS.length));
const CELL_MONTHLY = CELLS.map(([, , , monthly]) => monthly);

/**
 * The cells of a batch in one growing typed array, a row per cell (its key, then its measures),
 * each found by its key in an open-addressing hash table (linear probing, kept at most half full):
 * a batch of a hundred thousand facts adds to millions of cells, and a Map or an array per cell
 * would keep the garbage collector busy. A cell's key and measures share a row, so finding and
 * adding to it touches two places in memory, not four.
 */
class CellStore {
  private count = 0;
  /** a row per cell, in the order added: high, low, then the measures */
  private rows: Int32Array;
  private readonly stride: number;
  /** hash table: cell index + 1, or 0 for a free place */
  private table = new Int32Array(2048);
  private mask = 2047;

  constructor(private readonly width: number) {
    this.stride = width + 2;
    this.rows = new Int32Array(this.stride * 1024);
  }

  get size(): number {
    return this.count;
  }

  /** Adds (measure index, amount) pairs to a cell. */
  add(high: number, low: number, changes: readonly number[]): void {
    const measures = this.rowOf(high, low) + 2;
    for (let i = 0; i < changes.length; i += 2) this.rows[measures + changes[i]!]! += changes[i + 1]!;
  }

  /** Every cell in key order: its key and its measures (a view, valid until the store changes). */
  forEachSorted(visit: (high: number, low: number, measures: Int32Array) => void): void {
    // Keys below 2^22 (high) and 2^30 (low) make one exact double, ordered as (high, low).
    const keys = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) keys[i] = this.rows[i * this.stride]! * 2 ** 30 + this.rows[i * this.stride + 1]!;
    keys.sort();
    for (const key of keys) {
      const high = Math.floor(key / 2 ** 30);
      const low = key - high * 2 ** 30;
      const row = this.rowOf(high, low);
      visit(high, low, this.rows.subarray(row + 2, row + 2 + this.width));
    }
  }

  clear(): void {
    this.rows.fill(0, 0, this.count * this.stride);
    this.table.fill(0);
    this.count = 0;
  }

  /** The offset of a cell's row, added if new. */
  private rowOf(high: number, low: number): number {
    const rows = this.rows;
    let place = hashOf(high, low) & this.mask;
    for (;;) {
      const entry = this.table[place]!;
      if (entry === 0) break;
      const row = (entry - 1) * this.stride;
      if (rows[row] === high && rows[row + 1] === low) return row;
      place = (place + 1) & this.mask;
    }
    const index = this.count++;
    if ((index + 1) * this.stride > this.rows.length) {
      const grown = new Int32Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    const row = index * this.stride;
    this.rows[row] = high;
    this.rows[row + 1] = low;
    this.table[place] = index + 1;
    if (this.count * 2 > this.table.length) this.growTable();
    return row;
  }

  private growTable(): void {
    this.table = new Int32Array(this.table.length * 2);
    this.mask = this.table.length - 1;
    for (let index = 0; index < this.count; index++) {
      let place = hashOf(this.rows[index * this.stride]!, this.rows[index * this.stride + 1]!) & this.mask;
      while (this.table[place] !== 0) place = (place + 1) & this.mask;
      this.table[place] = index + 1;
    }
  }
}

/** Mixes a cell key into 32 bits (multiplicative hashing, then the high bits folded down). */
function hashOf(high: number, low: number): number {
  const h = Math.imul(high, 0x9e3779b1) ^ Math.imul(low, 0x85ebca77);
  return h ^ (h >>> 15);
}

/** Rows per upsert, at most (fewer where the engine's parameter limit says so). */
const UPSERT_ROWS = 500;

type CountsTable = 'nps_counts' | 'topic_counts' | 'contact_counts';

/** SQL text of an upsert of n rows, per dialect: compiled once, then run with new parameters (no compiling per batch). */
const upsertSql = new WeakMap<object, Map<string, string>>();

function upsertText(db: Kysely<Database>, table: CountsTable, keyColumns: readonly string[], measures: readonly string[], rows: number): string {
  const adapter = db.getExecutor().adapter;
  let texts = upsertSql.get(adapter);
  if (!texts) upsertSql.set(adapter, (texts = new Map()));
  const id = `${table}:${rows}`;
  let text = texts.get(id);
  if (!text) {
    const columns = [...keyColumns, ...measures];
    const tuple = sql`(${sql.join(columns.map(() => 0))})`;
    const updates = sql.join(measures.map((m) => sql`${sql.ref(m)} = ${sql.table(table)}.${sql.ref(m)} + excluded.${sql.ref(m)}`));
    text = sql`
      insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(Array(rows).fill(tuple))}
      on conflict (${sql.join(keyColumns.map((c) => sql.ref(c)))}) do update set ${updates}
    `.compile(db).sql;
    texts.set(id, text);
  }
  return text;
}

async function upsert(db: Kysely<Database>, table: CountsTable, keyColumns: readonly string[], measures: readonly string[], parameters: unknown[]): Promise<void> {
  const width = keyColumns.length + measures.length;
  const rows = parameters.length / width;
  for (let row = 0, per = rowsPerStatement(capabilitiesOf(db), width, UPSERT_ROWS); row < rows; row += per) {
    const count = Math.min(per, rows - row);
    const part = parameters.slice(row * width, (row + count) * width);
    await db.executeQuery(CompiledQuery.raw(upsertText(db, table, keyColumns, measures, count), part));
  }
}

/** Adds facts to the aggregates, in the caller's transaction. */
export async function addFacts(db: Kysely<Database>, facts: Iterable<SurveyFact>): Promise<void> {
  const batch = new CountsBatch();
  for (const fact of facts) batch.add(fact);
  await batch.write(db);
}

/** The score counts of an aggregate or raw row as an array, index = score. */
export function scoresOf(row: ScoreCounts): number[] {
  return [row.s0, row.s1, row.s2, row.s3, row.s4, row.s5, row.s6, row.s7, row.s8, row.s9, row.s10].map(Number);
}
