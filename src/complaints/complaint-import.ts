import type { Kysely } from 'kysely';
import type { CommandLineActor } from '../auth/audit.js';
import { fieldReader, type CsvRecord, type RowError } from '../imports/csv-rows.js';
import { runImport, type ImportOptions, type ImportReport, type RowOutcome } from '../imports/import-runner.js';
import { checkPhone } from '../imports/lookups.js';
import { COMPLAINT_CHANNELS, type ComplaintChannel } from '../shared/channels.js';
import { parseDateTime } from '../shared/local-time.js';
import { safeText } from '../shared/safe-text.js';
import type { Storage } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { checkHistory, historicActions, type History } from './complaint-history.js';
import { actOnComplaint, createComplaint, keepReference } from './complaint-service.js';

/** Columns of a complaints file (docs/complaints.md, "Importing a back office's history"). */
export const COMPLAINT_IMPORT_COLUMNS = [
  'reference', 'customer_number', 'phone', 'channel', 'category', 'received_at', 'acknowledged_at', 'answered_at', 'closed_at',
  'state', 'outcome', 'rejection_reason', 'amount_disputed', 'description', 'team',
] as const;

export interface ComplaintImportOptions extends ImportOptions {
  /** who imports: every event of the history is theirs */
  actor: CommandLineActor;
  /** dates after this are refused (default now) */
  now?: number | undefined;
}

interface ComplaintRow extends History {
  /** kept when free; null: allocated */
  reference: string | null;
  partyId: string;
  channel: ComplaintChannel;
  category: string;
  amountDisputedCents: number | null;
  description: string;
  teamId: string;
}

const DESCRIPTION = safeText(5000, { min: 1, multiline: true });
const REASON = safeText(2000, { multiline: true });
const REFERENCE = safeText(40, { min: 1 });

/**
 * Imports a back office's complaints with their history, all or nothing unless skipInvalid: each
 * complaint is recorded as received at its time (deadlines from its category), then taken through
 * the actions its dates and state say, each at its own time, by the importing user; the customer is
 * not told (no outbox job). A row whose reference Ecoute already holds for the same customer and
 * time of receipt is a duplicate (a file can be imported again); a reference held by another
 * complaint, or given twice, is replaced by a new one.
 */
export async function importComplaints(storage: Storage, options: ComplaintImportOptions): Promise<ImportReport> {
  const now = options.now ?? Date.now();
  return runImport<ComplaintRow>(storage, options, {
    columns: COMPLAINT_IMPORT_COLUMNS,
    required: [['customer_number', 'phone'], 'channel', 'category', 'received_at', 'description', 'team'],
    async open(file) {
      const read = fieldReader(file);
      const categories = new Set((await storage.db.selectFrom('complaint_categories').select('code').where('active', '=', 1).execute()).map((r) => r.code));
      const teams = await storage.db.selectFrom('teams').select(['id', 'name']).execute();
      const fileReferences = new Map<string, { partyId: string; receivedAt: number }>();

      const teamOf = (raw: string): { id?: string; reason?: string } => {
        const byId = teams.find((t) => t.id === raw);
        if (byId) return { id: byId.id };
        const named = teams.filter((t) => t.name.toLowerCase() === raw.toLowerCase());
        if (named.length === 1) return { id: named[0]!.id };
        return { reason: named.length > 1 ? `"${raw}" names ${named.length} teams: give the team's id` : `no team is named or has the id "${raw}" (e.g. ${teams[0]?.name ?? 'Back office'})` };
      };

      async function parseRow(db: Kysely<Database>, record: CsvRecord): Promise<{ row?: ComplaintRow; errors: RowError[] }> {
        const get = read(record);
        const line = record.line;
        const errors: RowError[] = [];
        const fail = (field: string, reason: string) => errors.push({ line, field, reason });
        const time = (column: string, required: boolean): number | null => {
          const raw = get(column);
          if (raw === '') {
            if (required) fail(column, 'is required (e.g. 2026-03-02 14:30, Luxembourg time, or 2026-03-02T13:30:00Z)');
            return null;
          }
          const parsed = parseDateTime(raw);
          if (!parsed.ok) return fail(column, parsed.reason), null;
          if (parsed.ms > now) return fail(column, `${raw} is in the future: the file is a history`), null;
          return parsed.ms;
        };
        const text = (column: string, schema: typeof REASON): string | null => {
          const raw = get(column);
          if (raw === '') return null;
          const parsed = schema.safeParse(raw);
          if (!parsed.success) return fail(column, parsed.error.issues[0]?.message ?? 'is not valid text'), null;
          return parsed.data;
        };

        const partyId = await customerOf(db, get('customer_number'), get('phone'), fail);
        const channelRaw = get('channel').toLowerCase();
        const channel = (COMPLAINT_CHANNELS as readonly string[]).includes(channelRaw) ? (channelRaw as ComplaintChannel) : undefined;
        if (!channel) fail('channel', `${channelRaw === '' ? 'is required' : `"${get('channel')}" is not a channel`}: one of ${COMPLAINT_CHANNELS.join(', ')}`);
        const category = get('category').toLowerCase();
        if (!categories.has(category)) fail('category', `${category === '' ? 'is required' : `"${get('category')}" is not an active complaint category`}: one of ${[...categories].sort().join(', ')}`);
        const receivedAt = time('received_at', true);
        const acknowledgedAt = time('acknowledged_at', false);
        const answeredAt = time('answered_at', false);
        const closedAt = time('closed_at', false);
        const rejectionReason = text('rejection_reason', REASON);
        const amountDisputedCents = cents(get('amount_disputed'), fail);
        const description = text('description', DESCRIPTION);
        if (get('description') === '') fail('description', "is required: the customer's complaint (e.g. \"Billed twice for March\")");
        const team = get('team') === '' ? { reason: 'is required: the team that handled the complaint, by name or id' } : teamOf(get('team'));
        if (!team.id) fail('team', team.reason!);
        const reference = text('reference', REFERENCE);

        let history: History | undefined;
        if (receivedAt !== null) {
          const checked = checkHistory({ receivedAt, acknowledgedAt, answeredAt, closedAt, rejectionReason, state: get('state'), outcome: get('outcome') }, line);
          errors.push(...checked.errors);
          history = checked.history;
        }
        if (errors.length > 0 || !history || !partyId || !channel || !description || !team.id) return { errors };
        return { row: { ...history, reference, partyId, channel, category, amountDisputedCents, description, teamId: team.id }, errors };
      }

      return {
        async check(records, db) {
          const outcomes: RowOutcome<ComplaintRow>[] = [];
          for (const record of records) {
            const { row, errors } = await parseRow(db, record);
            if (!row) {
              outcomes.push({ kind: 'error', errors });
              continue;
            }
            if (row.reference !== null) {
              const held = fileReferences.get(row.reference) ?? (await heldReference(db, row.reference));
              if (held && held.partyId === row.partyId && held.receivedAt === row.receivedAt) {
                outcomes.push({ kind: 'duplicate' });
                continue;
              }
              if (held) row.reference = null;
              else fileReferences.set(row.reference, { partyId: row.partyId, receivedAt: row.receivedAt });
            }
            outcomes.push({ kind: 'ok', row });
          }
          return outcomes;
        },

        async writer(trx) {
          return {
            async write(rows) {
              // The year's counters past every reference kept, before any is allocated.
              for (const { row } of rows) if (row.reference !== null) await keepReference(trx, row.reference);
              for (const { row } of rows) {
                const history = { notify: false } as const;
                const { id } = await createComplaint(
                  trx,
                  {
                    partyId: row.partyId, channel: row.channel, category: row.category, receivedAt: row.receivedAt, description: row.description,
                    amountDisputedCents: row.amountDisputedCents, teamId: row.teamId, ...(row.reference !== null ? { reference: row.reference } : {}),
                  },
                  options.actor,
                  { ...history, now: row.receivedAt },
                );
                for (const step of historicActions(row)) await actOnComplaint(trx, id, step.action, step.input, options.actor, { ...history, now: step.at });
              }
            },
            // Each complaint's figures are brought up to date with it (recordComplaintFact, in the service).
            async finish() {},
          };
        },
      };
    },
  });
}

/** The customer of a row: by customer number, or by a phone of their lines or contact points; both must agree. */
async function customerOf(db: Kysely<Database>, number: string, phoneRaw: string, fail: (field: string, reason: string) => void): Promise<string | undefined> {
  let byNumber: string | undefined;
  if (number !== '') {
    const party = await db.selectFrom('parties').select(['id', 'erased_at']).where('customer_number', '=', /^c\d+$/.test(number) ? number.toUpperCase() : number).executeTakeFirst();
    if (!party) return fail('customer_number', `no customer has the number "${number}" (e.g. C000123)`), undefined;
    if (party.erased_at !== null) return fail('customer_number', "this customer's data was erased: no complaint can be recorded on the record"), undefined;
    byNumber = party.id;
  }
  if (phoneRaw === '') {
    if (number === '') fail('customer_number', 'or phone is required to find the customer (e.g. C000123, or +352 621 123 456)');
    return byNumber;
  }
  const phone = checkPhone(phoneRaw);
  if (!phone.ok) return fail('phone', phone.reason), undefined;
  const line = await db.selectFrom('lines').innerJoin('accounts', 'accounts.id', 'lines.account_id').select('accounts.party_id').where('lines.msisdn', '=', phone.e164).executeTakeFirst();
  const point = line ? undefined : await db.selectFrom('contact_points').select('party_id').where('kind', '=', 'phone').where('value', '=', phone.e164).executeTakeFirst();
  const byPhone = line?.party_id ?? point?.party_id;
  if (!byPhone) return byNumber ?? (fail('phone', `no customer has the phone ${phone.e164}`), undefined);
  if (byNumber !== undefined && byNumber !== byPhone) return fail('phone', `${phone.e164} is another customer's than ${number}`), undefined;
  return byPhone;
}

/** `12,50`, `12.5`, `1250` euros as cents; empty: none. */
function cents(raw: string, fail: (field: string, reason: string) => void): number | null {
  if (raw === '') return null;
  const m = /^(\d{1,8})(?:[.,](\d{1,2}))?$/.exec(raw.replace(/\s|€/g, ''));
  if (!m) return fail('amount_disputed', `"${raw}" is not an amount in euros (e.g. 12,50 or 12.50)`), null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** The complaint that holds this reference already, if any. */
async function heldReference(db: Kysely<Database>, reference: string): Promise<{ partyId: string; receivedAt: number } | undefined> {
  const row = await db
    .selectFrom('complaints')
    .innerJoin('cases', 'cases.id', 'complaints.case_id')
    .select(['cases.party_id', 'complaints.received_at'])
    .where('complaints.reference', '=', reference)
    .executeTakeFirst();
  return row ? { partyId: row.party_id ?? '', receivedAt: Number(row.received_at) } : undefined;
}
