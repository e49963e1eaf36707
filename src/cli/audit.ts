import type { Command } from 'commander';
import { auditTrailRead, readAuditTrail, type AuditQuery } from '../auth/audit.js';
import { normalizePhone } from '../shared/phone.js';
import { commandLineActor, println, UsageError, withStorage, type CliIo } from './context.js';

/** A day (YYYY-MM-DD, from its start in UTC) or a time (ISO 8601). */
function parseTime(value: string, option: string): number {
  const at = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) throw new UsageError(`${option} takes a date such as 2026-12-01 or a time such as 2026-12-01T08:00:00Z (got "${value}")`);
  return at;
}

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  program
    .command('audit')
    .description('the audit trail of reads of personal data, newest first; this reading is itself recorded (docs/security.md)')
    .option('--customer <id>', "reads of this customer's record and of their phone numbers")
    .option('--phone <number>', 'reads of this phone number')
    .option('--reader <id>', 'reads by this user or API token')
    .option('--from <date>', 'from this date or time (inclusive)')
    .option('--to <date>', 'until this date or time (exclusive)')
    .option('--limit <n>', 'rows per page (1-10000)', '100')
    .option('--before <cursor>', 'the page after the one that printed this cursor')
    .option('--format <format>', 'table or json', 'table')
    .action(async (options: { customer?: string; phone?: string; reader?: string; from?: string; to?: string; limit: string; before?: string; format: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError(`--limit must be a whole number from 1 to 10000 (got "${options.limit}")`);
      if (options.format !== 'table' && options.format !== 'json') throw new UsageError(`--format must be table or json (got "${options.format}")`);
      const phone = options.phone === undefined ? undefined : normalizePhone(options.phone);
      if (phone && !phone.ok) throw new UsageError(`--phone ${phone.reason}`);
      const query: AuditQuery = {
        customer: options.customer,
        phone: phone?.ok ? phone.e164 : undefined,
        reader: options.reader,
        from: options.from === undefined ? undefined : parseTime(options.from, '--from'),
        to: options.to === undefined ? undefined : parseTime(options.to, '--to'),
        limit,
        before: options.before,
      };
      const page = await withStorage(io, async (storage) => {
        const result = await readAuditTrail(storage.db, query);
        await auditTrailRead(storage.db, commandLineActor(), query);
        return result;
      });
      if (options.format === 'json') return println(io.stdout, JSON.stringify(page, null, 2));
      for (const e of page.items) {
        const what = e.partyId ?? e.subject ?? '-';
        println(io.stdout, [new Date(e.at).toISOString(), `${e.actorKind}:${e.actorId}${e.actorName ? ` (${e.actorName})` : ''}`, e.action, what, e.via].join('\t'));
      }
      if (page.next) println(io.stderr, `more: --before ${page.next}`);
    });
}
