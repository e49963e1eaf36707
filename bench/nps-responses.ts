/**
 * The CPU side of the NPS bench's ingestion (bench/nps.bench.ts): reads the surveys answered in
 * storage order from a connection of its own, scores them, analyses the comments, lays the
 * response rows out as insert parameters and adds them up in a CountsBatch. The writer only
 * inserts, marks the surveys answered and upserts the cells. It runs in a worker thread beside
 * the writer (bench/nps-responses-worker.ts), or in the writer's thread with --one-thread.
 */
import { readFileSync } from 'node:fs';
import type { Database as SqliteHandle, Statement } from 'better-sqlite3';
import { basisKey, CountsBatch, keysOf, type CountRows } from '../src/nps/nps-counts.js';
import { newId } from '../src/shared/ids.js';
import type { Storage } from '../src/storage/database.js';
import type { Channel, Language } from '../src/storage/schema.js';
import { analyseText } from '../src/text/index.js';
import { Random } from '../src/demo/random.js';

/** The columns of a response row, in the order of a batch's `values`. */
export const RESPONSE_COLUMNS = [
  'id', 'survey_id', 'interaction_id', 'party_id', 'version_id', 'score', 'scale_min', 'scale_max', 'promoter_min', 'detractor_max',
  'category', 'resolved', 'comment', 'language', 'sent_at', 'received_at', 'advisor_id', 'team_id', 'site_id', 'channel', 'reason_code',
  'interaction_started_at', 'text_language', 'sentiment', 'topics',
] as const;

export interface ResponseBatch {
  /** the response rows, one after the other, in RESPONSE_COLUMNS order */
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
        `select id, interaction_id, party_id, language, sent_at, advisor_id, team_id, site_id, channel, reason_code, segment, contact_started_at, rowid
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
    const rng = this.rng;
    const t0 = performance.now();
    const rows = this.readSurveys.all(this.after, Math.round(batch / 0.8)) as unknown[][];
    if (rows.length === 0) throw new Error('not enough surveys');
    this.timing.read += performance.now() - t0;
    const values: unknown[] = [];
    const answered: number[] = [];
    let analysed = 0;
    for (const r of rows) {
      this.after = r[12] as number;
      // Four in five answer; the last surveys all do if that is what it takes to reach N.
      const left = surveys - this.seen++;
      if (this.responses >= total || (left > total - this.responses && !rng.chance(0.8))) continue;
      this.responses++;
      answered.push(r[12] as number);
      const survey = {
        language: r[3] as Language, advisor_id: r[5] as string | null, team_id: r[6] as string | null, site_id: r[7] as string | null,
        channel: r[8] as Channel, reason_code: r[9] as string | null, segment: r[10] as 'residential' | 'business' | null,
      };
      const contactStartedAt = r[11] as number;
      const sentAt = r[4] as number;
      const u = rng.next() + teamLevel.get(survey.team_id!)!;
      const score = u > 0.55 ? (rng.chance(0.55) ? 10 : 9) : u > 0.3 ? (rng.chance(0.5) ? 8 : 7) : 1 + rng.int(6);
      const comment = rng.chance(0.3) ? this.comments[rng.int(this.comments.length)]! : null;
      const t1 = performance.now();
      const analysis = comment ? analyseText(comment, { languageHint: survey.language }) : null;
      this.timing.text += performance.now() - t1;
      if (analysis) analysed++;
      const resolved = rng.chance(0.5) ? (rng.chance(0.75) ? 1 : 0) : null;
      const category = score >= version.promoter_min ? 'promoter' : score <= version.detractor_max ? 'detractor' : 'passive';
      values.push(
        newId(), r[0], r[1], r[2], version.id, score, version.scale_min, version.scale_max, version.promoter_min, version.detractor_max,
        category, resolved, comment, analysis?.language ?? null, sentAt, sentAt + 600_000, survey.advisor_id, survey.team_id, survey.site_id,
        survey.channel, survey.reason_code, contactStartedAt, analysis?.language ?? null, analysis?.sentiment.score ?? null,
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
