import type { Kysely } from 'kysely';
import type { Storage } from '../storage/database.js';
import type { Database, Flag, SurveyTable } from '../storage/schema.js';
import { rebuildContactCounts } from './contact-facts.js';
import { basisKey } from './basis.js';
import { addFacts, CountsBatch, type SurveyFact } from './counts-batch.js';
import { keysOf } from './dimensions.js';

/**
 * The survey changes that move the NPS aggregates, called in the transaction of the change: a
 * survey sent, answered, or closed as unparsed. Each reads the survey's snapshot (dimensions,
 * contact start) and its version's basis.
 */

/** The survey columns a fact is made of: select or return these where a survey changes. */
export const FACT_COLUMNS = [
  'id', 'version_id', 'team_id', 'site_id', 'channel', 'segment', 'language', 'reason_code', 'advisor_id', 'contact_started_at',
] as const satisfies readonly (keyof SurveyTable)[];
export type FactSurvey = Pick<SurveyTable, (typeof FACT_COLUMNS)[number]>;

/** Versions never change once published, so their basis can be kept for the life of the process. */
const bases = new Map<string, string>();

async function basesOf(db: Kysely<Database>, versionIds: Iterable<string>): Promise<Map<string, string>> {
  const missing = [...new Set(versionIds)].filter((id) => !bases.has(id));
  if (missing.length > 0) {
    const rows = await db.selectFrom('survey_versions').select(['id', 'scale_min', 'scale_max', 'promoter_min', 'detractor_max']).where('id', 'in', missing).execute();
    for (const v of rows) bases.set(v.id, basisKey({ scaleMin: v.scale_min, scaleMax: v.scale_max, promoterMin: v.promoter_min, detractorMax: v.detractor_max }));
  }
  return bases;
}

function factOf(survey: FactSurvey, basis: string): SurveyFact {
  return {
    contactStartedAt: Number(survey.contact_started_at), keys: keysOf(survey), basis,
    sent: 0, unparsed: 0, score: null, resolved: null, topics: [],
  };
}

/** Surveys just marked sent (the rows the update returned). */
export async function countSent(db: Kysely<Database>, surveys: readonly FactSurvey[]): Promise<void> {
  if (surveys.length === 0) return;
  const basis = await basesOf(db, surveys.map((s) => s.version_id));
  await addFacts(db, surveys.map((s) => ({ ...factOf(s, basis.get(s.version_id)!), sent: 1 })));
}

/** A survey whose reply could not be read, even after the clarification. */
export async function countUnparsed(db: Kysely<Database>, survey: FactSurvey): Promise<void> {
  const basis = await basesOf(db, [survey.version_id]);
  await addFacts(db, [{ ...factOf(survey, basis.get(survey.version_id)!), unparsed: 1 }]);
}

/** A survey answered with a score. */
export async function countResponse(
  db: Kysely<Database>,
  survey: FactSurvey,
  response: { score: number; resolved: Flag | null; topics: readonly { topic: string; sentiment: number }[] },
): Promise<void> {
  const basis = await basesOf(db, [survey.version_id]);
  await addFacts(db, [{ ...factOf(survey, basis.get(survey.version_id)!), ...response }]);
}

export interface RebuildProgress {
  surveys: number;
  total: number;
}

/**
 * Recomputes the aggregates from the contacts, surveys and responses (`ecoute nps rebuild`), in one
 * transaction: readers see the old figures until the new ones are complete. On PostgreSQL the
 * aggregate tables are locked for writes meanwhile, so a reply arriving during the rebuild is
 * either in the surveys read or added after, never lost nor counted twice.
 */
export async function rebuildCounts(
  storage: Storage,
  onProgress?: (progress: RebuildProgress) => void,
): Promise<{ surveys: number; contacts: number; cells: number }> {
  const PAGE = 20_000;
  return storage.db.transaction().execute(async (trx) => {
    const lock = storage.capabilities.lockTables;
    if (lock) await lock(['nps_counts', 'topic_counts', 'contact_counts']).execute(trx);
    await trx.deleteFrom('nps_counts').execute();
    await trx.deleteFrom('topic_counts').execute();
    const contacts = await rebuildContactCounts(trx);
    const total = Number((await trx.selectFrom('surveys').select((eb) => eb.fn.countAll().as('n')).where('sent_at', 'is not', null).executeTakeFirstOrThrow()).n);
    const batch = new CountsBatch();
    let done = 0;
    let after = '';
    for (;;) {
      const page = await trx
        .selectFrom('surveys as s')
        .innerJoin('survey_versions as v', 'v.id', 's.version_id')
        .leftJoin('survey_responses as r', 'r.survey_id', 's.id')
        .select([...FACT_COLUMNS.map((c) => `s.${c}` as const), 's.status', 'v.scale_min', 'v.scale_max', 'v.promoter_min', 'v.detractor_max', 'r.score', 'r.resolved', 'r.topics'])
        .where('s.sent_at', 'is not', null)
        .where('s.id', '>', after)
        .orderBy('s.id')
        .limit(PAGE)
        .execute();
      for (const s of page) {
        const basis = basisKey({ scaleMin: s.scale_min, scaleMax: s.scale_max, promoterMin: s.promoter_min, detractorMax: s.detractor_max });
        const topics = s.score !== null && s.topics ? (JSON.parse(s.topics) as { topic: string; sentiment: number }[]) : [];
        batch.add({
          ...factOf(s, basis), sent: 1, unparsed: s.status === 'unparsed' ? 1 : 0,
          score: s.score, resolved: s.score === null ? null : s.resolved, topics,
        });
        if (batch.full) await batch.write(trx);
      }
      done += page.length;
      if (page.length < PAGE) await batch.write(trx);
      onProgress?.({ surveys: done, total });
      if (page.length < PAGE) break;
      after = page.at(-1)!.id;
    }
    const cells = Number((await trx.selectFrom('nps_counts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { surveys: done, contacts, cells };
  });
}
