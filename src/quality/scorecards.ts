import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../auth/policies.js';
import type { ScorecardContent } from '../contract/quality-evaluations.js';
import { DomainError, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Database } from '../storage/schema.js';
import type { ScorecardVersionState } from '../storage/schema-quality-evaluations.js';

/**
 * Scorecards and their versions (docs/quality.md, "Scorecards and scores"): a draft is edited, then
 * published (never edited again: a change is a new draft version) and at last archived. Publishing a
 * version archives the scorecard's version published before it; evaluations keep the version they use.
 */
export interface ScorecardVersionRecord {
  id: string;
  scorecardId: string;
  name: string;
  version: number;
  state: ScorecardVersionState;
  content: ScorecardContent;
  createdAt: number;
  publishedAt: number | null;
  archivedAt: number | null;
}

type Db = Kysely<Database> | Transaction<Database>;

const versionColumns = ['v.id', 'v.scorecard_id', 's.name', 'v.version', 'v.state', 'v.content', 'v.created_at', 'v.published_at', 'v.archived_at'] as const;

function toRecord(row: { id: string; scorecard_id: string; name: string; version: number; state: ScorecardVersionState; content: string; created_at: number; published_at: number | null; archived_at: number | null }): ScorecardVersionRecord {
  return {
    id: row.id,
    scorecardId: row.scorecard_id,
    name: row.name,
    version: Number(row.version),
    state: row.state,
    content: JSON.parse(row.content) as ScorecardContent,
    createdAt: Number(row.created_at),
    publishedAt: row.published_at === null ? null : Number(row.published_at),
    archivedAt: row.archived_at === null ? null : Number(row.archived_at),
  };
}

export async function listScorecards(db: Db): Promise<{ id: string; name: string; versions: { id: string; version: number; state: ScorecardVersionState }[] }[]> {
  const rows = await db
    .selectFrom('scorecards as s')
    .innerJoin('scorecard_versions as v', 'v.scorecard_id', 's.id')
    .select(['s.id', 's.name', 'v.id as version_id', 'v.version', 'v.state'])
    .orderBy('s.name')
    .orderBy('s.id')
    .orderBy('v.version', 'desc')
    .execute();
  const cards = new Map<string, { id: string; name: string; versions: { id: string; version: number; state: ScorecardVersionState }[] }>();
  for (const row of rows) {
    const card = cards.get(row.id) ?? { id: row.id, name: row.name, versions: [] };
    card.versions.push({ id: row.version_id, version: Number(row.version), state: row.state });
    cards.set(row.id, card);
  }
  return [...cards.values()];
}

export async function readScorecardVersion(db: Db, id: string): Promise<ScorecardVersionRecord> {
  const row = await db.selectFrom('scorecard_versions as v').innerJoin('scorecards as s', 's.id', 'v.scorecard_id').select(versionColumns).where('v.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('no scorecard version has this id');
  return toRecord(row);
}

/** The version new evaluations use by default: the latest published one. */
export async function defaultScorecardVersion(db: Db): Promise<ScorecardVersionRecord | undefined> {
  const row = await db
    .selectFrom('scorecard_versions as v')
    .innerJoin('scorecards as s', 's.id', 'v.scorecard_id')
    .select(versionColumns)
    .where('v.state', '=', 'published')
    .orderBy('v.published_at', 'desc')
    .orderBy('v.id', 'desc')
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** A new scorecard, its first version a draft. */
export async function createScorecard(db: Kysely<Database>, actor: Actor, input: { name: string; content: ScorecardContent }, now = Date.now()): Promise<ScorecardVersionRecord> {
  return db.transaction().execute(async (tx) => {
    const scorecardId = newId();
    await tx.insertInto('scorecards').values({ id: scorecardId, name: input.name, created_at: now }).execute();
    const id = newId();
    await tx.insertInto('scorecard_versions').values({ id, scorecard_id: scorecardId, version: 1, state: 'draft', content: JSON.stringify(input.content), created_by: actor.id, created_at: now, published_at: null, archived_at: null }).execute();
    return readScorecardVersion(tx, id);
  });
}

/** A new draft version of a scorecard, starting from its latest version; one draft at a time. */
export async function newDraftVersion(db: Kysely<Database>, actor: Actor, scorecardId: string, now = Date.now()): Promise<ScorecardVersionRecord> {
  return db.transaction().execute(async (tx) => {
    const versions = await tx.selectFrom('scorecard_versions').select(['id', 'version', 'state', 'content']).where('scorecard_id', '=', scorecardId).orderBy('version', 'desc').execute();
    const latest = versions[0];
    if (!latest) throw notFound('no scorecard has this id');
    const draft = versions.find((v) => v.state === 'draft');
    if (draft) throw new DomainError(409, 'draft-exists', 'this scorecard already has a draft version: edit it or publish it first', [], { version: Number(draft.version) });
    const id = newId();
    await tx.insertInto('scorecard_versions').values({ id, scorecard_id: scorecardId, version: Number(latest.version) + 1, state: 'draft', content: latest.content, created_by: actor.id, created_at: now, published_at: null, archived_at: null }).execute();
    return readScorecardVersion(tx, id);
  });
}

/** Changes a draft (its content, and the scorecard's name); a published or archived version is never edited. */
export async function editDraftVersion(db: Kysely<Database>, id: string, input: { name?: string | undefined; content: ScorecardContent }): Promise<ScorecardVersionRecord> {
  return db.transaction().execute(async (tx) => {
    const version = await readScorecardVersion(tx, id);
    if (version.state !== 'draft') throw new DomainError(409, 'version-not-draft', `version ${version.version} is ${version.state}: it is never edited; make a new draft version`, [], { state: version.state });
    await tx.updateTable('scorecard_versions').set({ content: JSON.stringify(input.content) }).where('id', '=', id).execute();
    if (input.name !== undefined) await tx.updateTable('scorecards').set({ name: input.name }).where('id', '=', version.scorecardId).execute();
    return readScorecardVersion(tx, id);
  });
}

/** Publishes a draft; the version of the scorecard published before it is archived. */
export async function publishVersion(db: Kysely<Database>, id: string, now = Date.now()): Promise<ScorecardVersionRecord> {
  return db.transaction().execute(async (tx) => {
    const version = await readScorecardVersion(tx, id);
    if (version.state !== 'draft') throw new DomainError(409, 'version-not-draft', `version ${version.version} is ${version.state}: only a draft is published`, [], { state: version.state });
    await tx.updateTable('scorecard_versions').set({ state: 'archived', archived_at: now }).where('scorecard_id', '=', version.scorecardId).where('state', '=', 'published').execute();
    await tx.updateTable('scorecard_versions').set({ state: 'published', published_at: now }).where('id', '=', id).execute();
    return readScorecardVersion(tx, id);
  });
}

/** Archives a published version: no new evaluation uses it; those made on it keep it. */
export async function archiveVersion(db: Kysely<Database>, id: string, now = Date.now()): Promise<ScorecardVersionRecord> {
  return db.transaction().execute(async (tx) => {
    const version = await readScorecardVersion(tx, id);
    if (version.state !== 'published') throw new DomainError(409, 'version-not-published', `version ${version.version} is ${version.state}: only a published version is archived`, [], { state: version.state });
    await tx.updateTable('scorecard_versions').set({ state: 'archived', archived_at: now }).where('id', '=', id).execute();
    return readScorecardVersion(tx, id);
  });
}
