import type { Kysely } from 'kysely';
import { recomputeRepeats } from '../interactions/fcr.js';
import { contactStates, countContactChanges } from '../nps/contact-facts.js';
import { CHANNELS, DIRECTIONS } from '../shared/channels.js';
import type { Storage } from '../storage/database.js';
import type { Channel, Database, Direction, Flag } from '../storage/schema.js';
import { newId } from '../shared/ids.js';
import { bulkWriter } from '../storage/bulk.js';
import { KeyLookup } from '../storage/key-lookup.js';
import { fieldReader, parseFlag, type CsvRecord, type RowError } from './csv-rows.js';
import { runImport, type ImportOptions, type ImportReport, type RowOutcome } from './import-runner.js';
import { parseDateTime } from '../shared/local-time.js';
import { checkPhone, loadUsersByEmail } from './lookups.js';

/** Columns of the interactions file (docs/import.md). */
export const INTERACTION_COLUMNS = [
  'external_id',
  'customer_number',
  'phone',
  'channel',
  'direction',
  'reason',
  'started_at',
  'ended_at',
  'advisor_email',
  'outcome',
  'resolved',
  'recording_ref',
  'notes',
] as const;

export interface InteractionImportOptions extends ImportOptions {
  /** FCR window (loadConfig().fcrWindowDays) used to recompute the repeat-contact links */
  fcrWindowDays: number;
}

interface InteractionRow {
  externalId: string | null;
  customerNumber: string | null;
  phone: string | null;
  channel: Channel;
  direction: Direction;
  reasonCode: string | null;
  startedAt: number;
  endedAt: number | null;
  advisor: { id: string; teamId: string | null; siteId: string | null } | null;
  outcome: string | null;
  resolved: boolean | null;
  recordingRef: string | null;
  notes: string | null;
  /** filled by the customer look-up */
  partyId: string | null;
  /** the account of the line the phone belongs to, when found through it */
  accountId: string | null;
}

/**
 * Imports contacts from a CSV file. Idempotent on external_id: rows whose external id is already
 * in the database are skipped (counted as duplicates), so the same file can be imported twice.
 * The repeat-contact links and contact aggregates of the customers concerned are brought up to date
 * in the transaction that publishes their contacts.
 */
export async function importInteractions(storage: Storage, options: InteractionImportOptions): Promise<ImportReport> {
  return runImport<InteractionRow>(storage, options, {
    columns: INTERACTION_COLUMNS,
    required: [['customer_number', 'phone'], 'channel', 'started_at'],
    async open(file) {
      const users = await loadUsersByEmail(storage.db);
      const reasons = new Map(
        (await storage.db.selectFrom('reasons').select(['code', 'active']).execute()).map((r) => [r.code, r.active === 1]),
      );
      const read = fieldReader(file);
      const externalLines = new Map<string, number>();
      const lookups = {
        externalIds: new KeyLookup<{ external_id: string }>(storage, 'select external_id from interactions where external_id in (:keys)'),
        parties: new KeyLookup<{ id: string; customer_number: string }>(storage, 'select id, customer_number from parties where customer_number in (:keys)'),
        lines: new KeyLookup<{ msisdn: string; party_id: string; account_id: string }>(
          storage,
          'select l.msisdn, a.party_id, a.id as account_id from lines l join accounts a on a.id = l.account_id where l.msisdn in (:keys)',
        ),
        contactPhones: new KeyLookup<{ value: string; id: string; customer_number: string }>(
          storage,
          `select c.value, p.id, p.customer_number from contact_points c join parties p on p.id = c.party_id
           where c.kind = 'phone' and c.value in (:keys)`,
        ),
        // Oldest first: the first one of each customer is the account recordInteraction would pick.
        accounts: new KeyLookup<{ id: string; party_id: string }>(storage, 'select id, party_id from accounts where party_id in (:keys) order by created_at, id'),
      };

      function parseRow(record: CsvRecord): { row: InteractionRow; errors: RowError[]; line: number } {
        const get = read(record);
        const line = record.line;
        const errors: RowError[] = [];
        const fail = (field: string, reason: string) => errors.push({ line, field, reason });

        const externalId = get('external_id') || null;
        if (externalId !== null && externalId.length > 200) fail('external_id', 'is longer than 200 characters');
        let customerNumber: string | null = get('customer_number') || null;
        if (customerNumber !== null && /^c\d+$/.test(customerNumber)) customerNumber = customerNumber.toUpperCase();
        let phone: string | null = null;
        const phoneRaw = get('phone');
        if (phoneRaw !== '') {
          const parsed = checkPhone(phoneRaw);
          if (parsed.ok) phone = parsed.e164;
          else fail('phone', parsed.reason);
        }
        if (customerNumber === null && phoneRaw === '') fail('customer_number', 'or phone is required to find the customer');

        const channelRaw = get('channel').toLowerCase();
        const channel = (CHANNELS as readonly string[]).includes(channelRaw) ? (channelRaw as Channel) : null;
        if (channel === null) {
          fail('channel', channelRaw === '' ? `is required (one of ${CHANNELS.join(', ')})` : `"${get('channel')}" is not one of ${CHANNELS.join(', ')}`);
        }
        const directionRaw = get('direction').toLowerCase() || 'inbound';
        const direction = (DIRECTIONS as readonly string[]).includes(directionRaw) ? (directionRaw as Direction) : null;
        if (direction === null) fail('direction', `"${get('direction')}" is not inbound or outbound`);

        const reasonCode = get('reason') || null;
        if (reasonCode !== null) {
          const active = reasons.get(reasonCode);
          if (active === undefined) fail('reason', `"${reasonCode}" is not a contact reason (see ecoute's reason list, GET /api/v1/reasons)`);
          else if (!active) fail('reason', `"${reasonCode}" is a contact reason that is no longer active`);
        }

        let startedAt: number | null = null;
        const startedRaw = get('started_at');
        if (startedRaw === '') fail('started_at', 'is required');
        else {
          const parsed = parseDateTime(startedRaw);
          if (parsed.ok) startedAt = parsed.ms;
          else fail('started_at', parsed.reason);
        }
        let endedAt: number | null = null;
        const endedRaw = get('ended_at');
        if (endedRaw !== '') {
          const parsed = parseDateTime(endedRaw);
          if (!parsed.ok) fail('ended_at', parsed.reason);
          else if (startedAt !== null && parsed.ms < startedAt) fail('ended_at', `"${endedRaw}" is before started_at "${startedRaw}"`);
          else endedAt = parsed.ms;
        }

        let advisor: InteractionRow['advisor'] = null;
        const advisorEmail = get('advisor_email');
        if (advisorEmail !== '') {
          advisor = users.get(advisorEmail.toLowerCase()) ?? null;
          if (!advisor) fail('advisor_email', `no user has the e-mail "${advisorEmail}" (create the user first, or leave it empty)`);
        }
        const resolved = parseFlag(get('resolved'));
        if (!resolved.ok) fail('resolved', resolved.reason);

        return {
          line,
          errors,
          row: {
            externalId,
            customerNumber,
            phone,
            channel: channel ?? 'phone',
            direction: direction ?? 'inbound',
            reasonCode,
            startedAt: startedAt ?? 0,
            endedAt,
            advisor,
            outcome: get('outcome') || null,
            resolved: resolved.ok ? resolved.value : null,
            recordingRef: get('recording_ref') || null,
            notes: get('notes') || null,
            partyId: null,
            accountId: null,
          },
        };
      }

      /** Finds the customer of each row: by customer number, else the owner of the line, else the phone on file. */
      async function findCustomers(db: Kysely<Database>, parsed: { row: InteractionRow; errors: RowError[]; line: number }[]) {
        const numbers = parsed.flatMap((p) => (p.row.customerNumber === null ? [] : [p.row.customerNumber]));
        const byNumber = new Map((await lookups.parties.find(db, numbers)).map((r) => [r.customer_number, r.id]));
        const phones = parsed.flatMap((p) => (p.row.customerNumber === null && p.row.phone !== null ? [p.row.phone] : []));
        const byLine = new Map((await lookups.lines.find(db, phones)).map((r) => [r.msisdn, { partyId: r.party_id, accountId: r.account_id }]));
        const byContact = new Map<string, { partyId: string; customerNumber: string }[]>();
        for (const r of await lookups.contactPhones.find(db, phones.filter((p) => !byLine.has(p)))) {
          const list = byContact.get(r.value) ?? [];
          if (!list.some((m) => m.partyId === r.id)) list.push({ partyId: r.id, customerNumber: r.customer_number });
          byContact.set(r.value, list);
        }
        parsed.forEach(({ row, errors, line }) => {
          if (row.customerNumber !== null) {
            row.partyId = byNumber.get(row.customerNumber) ?? null;
            if (row.partyId === null) errors.push({ line, field: 'customer_number', reason: `no customer has the number "${row.customerNumber}"` });
          } else if (row.phone !== null) {
            const owner = byLine.get(row.phone);
            const matches = byContact.get(row.phone) ?? [];
            if (owner) {
              row.partyId = owner.partyId;
              row.accountId = owner.accountId;
            } else if (matches.length === 1) row.partyId = matches[0]!.partyId;
            else if (matches.length === 0) {
              errors.push({ line, field: 'phone', reason: `no customer has the number ${row.phone} (neither as a line nor as a contact phone)` });
            } else {
              const list = matches.slice(0, 5).map((m) => m.customerNumber).join(', ');
              errors.push({ line, field: 'phone', reason: `${row.phone} is on file for ${matches.length} customers (${list}${matches.length > 5 ? ', …' : ''}); give the customer_number` });
            }
          }
        });
      }

      return {
        async check(records, db) {
          const parsed = records.map(parseRow);
          const lines = records.map((r) => r.line);
          // Duplicates inside the file; only first occurrences can already be in the database.
          const fresh: string[] = [];
          const repeated = parsed.map(({ row }, i) => {
            if (row.externalId === null) return undefined;
            const first = externalLines.get(row.externalId);
            if (first !== undefined) return first;
            externalLines.set(row.externalId, lines[i]!);
            fresh.push(row.externalId);
            return undefined;
          });
          const known = new Set((await lookups.externalIds.find(db, fresh)).map((r) => r.external_id));
          const pending = parsed.filter(({ row }, i) => repeated[i] === undefined && !(row.externalId !== null && known.has(row.externalId)));
          await findCustomers(db, pending);
          // The account: the line's, else the customer's first one (as recordInteraction does).
          const parties = pending.flatMap((p) => (p.errors.length === 0 && p.row.accountId === null ? [p.row.partyId!] : []));
          const firstAccount = new Map<string, string>();
          for (const a of await lookups.accounts.find(db, parties)) {
            if (!firstAccount.has(a.party_id)) firstAccount.set(a.party_id, a.id);
          }
          return parsed.map(({ row, errors }, i): RowOutcome<InteractionRow> => {
            const first = repeated[i];
            if (first !== undefined) {
              return { kind: 'error', errors: [{ line: lines[i]!, field: 'external_id', reason: `"${row.externalId}" is also on line ${first}` }, ...errors] };
            }
            // Already imported: skipped, whatever else the row says.
            if (row.externalId !== null && known.has(row.externalId)) return { kind: 'duplicate' };
            if (errors.length) return { kind: 'error', errors };
            row.accountId ??= firstAccount.get(row.partyId!) ?? null;
            return { kind: 'ok', row };
          });
        },

        publisher: {
          kind: 'interactions',
          fcrWindowDays: options.fcrWindowDays,
          async publish(trx, rows, batchId) {
            // The customers' contacts as counted before (the new ones are not there yet), then all, with fresh repeat links.
            const parties = [...new Set(rows.map(({ row }) => row.partyId!))];
            const affected = new Set(rows.flatMap(({ row }) => (row.reasonCode === null ? [] : [row.partyId!])));
            const before = await contactStates(trx, parties);
            const inserter = bulkWriter(storage, trx);
            const now = Date.now();
            for (const { row } of rows) {
              inserter.insert('interactions', {
                id: newId(),
                external_id: row.externalId,
                party_id: row.partyId!,
                account_id: row.accountId,
                channel: row.channel,
                direction: row.direction,
                reason_code: row.reasonCode,
                started_at: row.startedAt,
                ended_at: row.endedAt,
                advisor_id: row.advisor?.id ?? null,
                team_id: row.advisor?.teamId ?? null,
                site_id: row.advisor?.siteId ?? null,
                outcome: row.outcome,
                resolved: row.resolved === null ? null : ((row.resolved ? 1 : 0) as Flag),
                recording_ref: row.recordingRef,
                notes: row.notes,
                phone: row.phone,
                repeat_of: null,
                next_contact_at: null,
                created_at: now,
                import_batch_id: batchId,
              });
            }
            await inserter.flush();
            for (const partyId of affected) await recomputeRepeats(trx, options.fcrWindowDays, partyId);
            await countContactChanges(trx, before, await contactStates(trx, parties));
          },
        },
      };
    },
  });
}
