/**
 * The NPS bench's ingestion (bench/nps.bench.ts). ResponseProducer, the CPU side: reads the
 * dimension keys of the surveys answered in storage order from a connection of its own, scores
 * them, analyses the comments, lays the answers out as insert parameters and adds them up in a
 * CountsBatch. It runs in a worker thread beside the writer (bench/nps-responses-worker.ts), or in
 * the writer's thread with --one-thread. ResponseWriter, in the writer's transaction: inserts the
 * responses (their copy of the survey made by SQLite), marks the surveys answered; the writer then
 * upserts the cells.
 */
import { readFileSync } from 'node:fs';
import type { Database as SqliteHandle, Statement } from 'better-sqlite3';
import { basisKey } from '../src/nps/basis.js';
import { CountsBatch } from '../src/nps/counts-batch.js';
import type { CountRows } from '../src/nps/counts-writer.js';
import { keysOf } from '../src/nps/dimensions.js';
import { categoryOf } from '../src/nps/statistics.js';
import { newId } from '../src/shared/ids.js';
import { rowsPerStatement, type Storage } from '../src/storage/database.js';
import type { Channel, Language } from '../src/storage/schema.js';
import { analyseText } from '../src/text/index.js';
import { Random } from '../src/demo/random.js';

/**
 * What a batch gives of each response: its survey (rowid) and what the answer adds to it. The rest
 * of the response row (the survey's ids, its snapshot of the contact, its version's basis) is
 * copied from the survey by the insert itself, in SQLite (ResponseWriter): read into JavaScript and
 * bound back, those nine text values cost more than the rest of the row.
 */
const ANSWER_COLUMNS = ['survey', 'id', 'score', 'category', 'resolved', 'comment', 'language', 'sentiment', 'topics'] as const;

export interface ResponseBatch {
  /** the answers, one after the other, in ANSWER_COLUMNS order */
  values: unknown[];
  /** rowids of the surveys answered */
  answered: number[];
  /** the batch's aggregate cells (null without aggregates) */
  counts: CountRows | null;
  analysed: number;
}

export interface ProducerSettings {
  responses: number;
  surveys: number;
  batch: number;
  aggregates: boolean;
}

export interface ProducerTiming {
  read: number;
  text: number;
  counts: number;
}

/** The survey version, its basis and each team's level (so the table has something to show). */
export async function setting(storage: Storage) {
  const version = await storage.db.selectFrom('survey_versions').selectAll().executeTakeFirstOrThrow();
  const basis = basisKey({ scaleMin: version.scale_min, scaleMax: version.scale_max, promoterMin: version.promoter_min, detractorMax: version.detractor_max });
  const teams = await storage.db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute();
  const levels = new Random(7);
  const teamLevel = new Map(teams.map((t) => [t.id, (levels.next() - 0.5) * 0.3]));
  return { version, basis, teamLevel };
}

/** The comments of the labelled corpus. */
export function corpusTexts(): string[] {
  return readFileSync('src/text/corpus/verbatims.jsonl', 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { text: string }).text);
}

export class ResponseProducer {
  readonly timing: ProducerTiming = { read: 0, text: 0, counts: 0 };
  responses = 0;
  private readonly rng = new Random(43);
  private readonly comments = corpusTexts();
  private readonly counts = new CountsBatch();
  private after = 0;
  private seen = 0;
  /** Rows as arrays (no object per row): the surveys are read as fast as SQLite gives them. */
  private readonly readSurveys: Statement;

  private constructor(
    sqlite: SqliteHandle,
    private readonly settings: ProducerSettings,
    private readonly context: Awaited<ReturnType<typeof setting>>,
  ) {
    this.readSurveys = sqlite
      .prepare(
        `select language, advisor_id, team_id, site_id, channel, reason_code, segment, contact_started_at, rowid
         from surveys where rowid > ? order by rowid limit ?`,
      )
      .raw(true);
  }

  static async open(storage: Storage, settings: ProducerSettings): Promise<ResponseProducer> {
    return new ResponseProducer(storage.sqlite!, settings, await setting(storage));
  }

  /** The next transaction's worth of responses, or null once N are made. */
  next(): ResponseBatch | null {
    const { responses: total, surveys, batch, aggregates } = this.settings;
    if (this.responses >= total) return null;
    const { version, basis, teamLevel } = this.context;
    const thresholds = { promoterMin: version.promoter_min, detractorMax: version.detractor_max };
    const rng = this.rng;
    const t0 = performance.now();
    const rows = this.readSurveys.all(this.after, Math.round(batch / 0.8)) as unknown[][];
    if (rows.length === 0) throw new Error('not enough surveys');
    this.timing.read += performance.now() - t0;
    const values: unknown[] = [];
    const answered: number[] = [];
    let analysed = 0;
    for (const r of rows) {
      const rowid = r[8] as number;
      this.after = rowid;
      // Four in five answer; the last surveys all do if that is what it takes to reach N.
      const left = surveys - this.seen++;
      if (this.responses >= total || (left > total - this.responses && !rng.chance(0.8))) continue;
      this.responses++;
      answered.push(rowid);
      const survey = {
        language: r[0] as Language, advisor_id: r[1] as string | null, team_id: r[2] as string | null, site_id: r[3] as string | null,
        channel: r[4] as Channel, reason_code: r[5] as string | null, segment: r[6] as 'residential' | 'business' | null,
      };
      const contactStartedAt = r[7] as number;
      const u = rng.next() + teamLevel.get(survey.team_id!)!;
      const score = u > 0.55 ? (rng.chance(0.55) ? 10 : 9) : u > 0.3 ? (rng.chance(0.5) ? 8 : 7) : 1 + rng.int(6);
      const comment = rng.chance(0.3) ? this.comments[rng.int(this.comments.length)]! : null;
      const t1 = performance.now();
      const analysis = comment ? analyseText(comment, { languageHint: survey.language }) : null;
      this.timing.text += performance.now() - t1;
      if (analysis) analysed++;
      const resolved = rng.chance(0.5) ? (rng.chance(0.75) ? 1 : 0) : null;
      const category = categoryOf(score, thresholds);
      values.push(
        rowid, newId(), score, category, resolved, comment, analysis?.language ?? null, analysis?.sentiment.score ?? null,
        analysis ? JSON.stringify(analysis.topics) : null,
      );
      if (aggregates) {
        const t2 = performance.now();
        this.counts.add({ contactStartedAt, keys: keysOf(survey), basis, sent: 0, unparsed: 0, score, resolved, topics: analysis?.topics ?? [] });
        this.timing.counts += performance.now() - t2;
        if (this.counts.full) break; // the rest of the rows are read again for the next batch
      }
    }
    const t3 = performance.now();
    const counts = aggregates ? this.counts.take() : null;
    this.timing.counts += performance.now() - t3;
    return { values, answered, counts, analysed };
  }
}

/** Rows per insert statement, at most (the engine's parameter limit may allow fewer). */
const ROWS_PER_INSERT = 500;

/**
 * Stores a batch's responses in the writer's transaction: each answer joined to its survey (by
 * rowid) and the survey's version, so the row's copy of the survey is made in SQLite; then marks
 * the surveys answered.
 */
export class ResponseWriter {
  private readonly inserts = new Map<number, Statement>();
  private readonly markAnswered: Statement;
  private readonly sqlite: SqliteHandle;
  private readonly perInsert: number;
  /** ms inserting the responses, and marking the surveys answered */
  readonly timing = { rows: 0, status: 0 };

  constructor(storage: Storage) {
    this.sqlite = storage.sqlite!;
    this.perInsert = rowsPerStatement(storage.capabilities, ANSWER_COLUMNS.length, ROWS_PER_INSERT);
    this.markAnswered = this.sqlite.prepare(`update surveys set status = 'answered' where rowid = ?`);
  }

  write(batch: ResponseBatch): void {
    const width = ANSWER_COLUMNS.length;
    const rows = batch.values.length / width;
    const t0 = performance.now();
    for (let row = 0; row < rows; row += this.perInsert) {
      const count = Math.min(this.perInsert, rows - row);
      this.insert(count).run(batch.values.slice(row * width, (row + count) * width));
    }
    const t1 = performance.now();
    for (const rowid of batch.answered) this.markAnswered.run(rowid);
    this.timing.rows += t1 - t0;
    this.timing.status += performance.now() - t1;
  }

  private insert(rows: number): Statement {
    let statement = this.inserts.get(rows);
    if (!statement) {
      const tuple = `(${ANSWER_COLUMNS.map(() => '?').join(', ')})`;
      const a = (column: (typeof ANSWER_COLUMNS)[number]) => `a.column${ANSWER_COLUMNS.indexOf(column) + 1}`;
      // CROSS JOIN keeps the answers as the outer loop: each survey and version found by key.
      statement = this.sqlite.prepare(`
        insert into survey_responses (
          id, survey_id, interaction_id, party_id, version_id, score, scale_min, scale_max, promoter_min, detractor_max,
          category, resolved, comment, language, sent_at, received_at, advisor_id, team_id, site_id, channel, reason_code,
          interaction_started_at, sentiment, topics)
        select ${a('id')}, s.id, s.interaction_id, s.party_id, s.version_id, ${a('score')}, v.scale_min, v.scale_max, v.promoter_min, v.detractor_max,
          ${a('category')}, ${a('resolved')}, ${a('comment')}, ${a('language')}, s.sent_at, s.sent_at + 600000, s.advisor_id, s.team_id, s.site_id, s.channel, s.reason_code,
          s.contact_started_at, ${a('sentiment')}, ${a('topics')}
        from (values ${Array(rows).fill(tuple).join(', ')}) a
        cross join surveys s on s.rowid = ${a('survey')}
        cross join survey_versions v on v.id = s.version_id`);
      this.inserts.set(rows, statement);
    }
    return statement;
  }
}
