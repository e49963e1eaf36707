import type { Kysely } from 'kysely';

/**
 * The analysis of causes (docs/improvement.md, "Pareto"): a team lead's figures are always their
 * team's, so any further filter is counted from the codings themselves; this index reads only that
 * team's codings of the period instead of every team's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cause_codings_team_day').on('cause_codings').columns(['team_id', 'day']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cause_codings_team_day').execute();
}
