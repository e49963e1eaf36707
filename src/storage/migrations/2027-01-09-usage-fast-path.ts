import { sql, type Kysely } from 'kysely';
import type { StorageCapabilities } from '../database.js';

/**
 * Usage ingestion's fast path on SQLite (src/usage/line-terms.ts, src/storage/usage-fast-path.ts,
 * docs/self-service.md "Counters"): ingestion keeps the terms of the lines it counts for in memory
 * (the line, its plan, its roaming limit, where it was last used, its account's billing day and
 * customer) instead of reading them for every batch. What tells it that a line changed, whoever
 * changed it (this process or another, through the API, the command line, a job, or plain SQL), is
 * this log: a trigger writes the number of every line whose terms change, and of every line of an
 * account whose billing day or customer changes; ingestion reads the log at the start of each batch,
 * in the batch's transaction, and reads those lines again. A line added needs no entry: a number is
 * unique among lines and a number no line had is never kept. The log keeps its last entries only
 * (ingestion drops the older ones).
 *
 * PostgreSQL keeps the plain path (every batch reads its lines): nothing here.
 */
export async function up(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  if (caps.engine !== 'sqlite') return;
  await sql`create table usage_line_changes (seq integer primary key autoincrement, msisdn text not null)`.execute(db);
  await sql`create trigger usage_line_changed after update of msisdn, account_id, kind, plan, roaming_limit_cents, roaming_limit_off, last_country, last_country_at on lines
    begin
      insert into usage_line_changes (msisdn) values (old.msisdn);
      insert into usage_line_changes (msisdn) select new.msisdn where new.msisdn <> old.msisdn;
    end`.execute(db);
  await sql`create trigger usage_line_removed after delete on lines
    begin
      insert into usage_line_changes (msisdn) values (old.msisdn);
    end`.execute(db);
  await sql`create trigger usage_account_changed after update of billing_day, party_id on accounts
    begin
      insert into usage_line_changes (msisdn) select msisdn from lines where account_id = new.id;
    end`.execute(db);
}

export async function down(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  if (caps.engine !== 'sqlite') return;
  for (const trigger of ['usage_account_changed', 'usage_line_removed', 'usage_line_changed']) await sql`drop trigger ${sql.raw(trigger)}`.execute(db);
  await sql`drop table usage_line_changes`.execute(db);
}
