import type { Kysely } from 'kysely';
import { LANGUAGES } from '../shared/languages.js';
import { foldForSearch, searchIndexOf } from '../shared/fold.js';
import type { Storage } from '../storage/database.js';
import type { Database, Flag, Language } from '../storage/schema.js';
import { newId } from '../shared/ids.js';
import { bulkWriter } from '../storage/bulk.js';
import { KeyLookup } from '../storage/key-lookup.js';
import { fieldReader, parseFlag, splitList, type CsvRecord, type RowError } from './csv-rows.js';
import { runImport, type ImportOptions, type ImportReport, type RowOutcome } from './import-runner.js';
import { checkPhone, EMAIL_PATTERN, loadUsersByEmail } from './lookups.js';

/** Columns of the customers file (docs/import.md). */
export const CUSTOMER_COLUMNS = [
  'customer_number',
  'kind',
  'given_name',
  'family_name',
  'organisation_name',
  'preferred_language',
  'segment',
  'account_manager_email',
  'phones',
  'emails',
  'lines',
  'consent_surveys',
  'consent_marketing',
  'locality',
] as const;

interface CustomerRow {
  customerNumber: string | null;
  kind: 'individual' | 'organisation';
  givenName: string | null;
  familyName: string | null;
  organisationName: string | null;
  displayName: string;
  preferredLanguage: Language;
  segment: 'residential' | 'business';
  accountManagerId: string | null;
  phones: string[];
  emails: string[];
  lines: { msisdn: string; kind: 'mobile' | 'landline'; plan: string }[];
  consentSurveys: boolean;
  consentMarketing: boolean;
  locality: string | null;
}

const GENERATED = /^C\d+$/;
const CUSTOMER_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._\/-]{0,39}$/;

/**
 * Imports customers (party, one account, its lines and contact points per row) from a CSV file.
 * Rows without customer_number get the next free numbers `C00000001`…, as createCustomer does.
 */
export async function importCustomers(storage: Storage, options: ImportOptions): Promise<ImportReport> {
  return runImport<CustomerRow>(storage, options, {
    columns: CUSTOMER_COLUMNS,
    required: [['family_name', 'organisation_name']],
    async open(file) {
      const users = await loadUsersByEmail(storage.db);
      const read = fieldReader(file);
      const numberLookup = new KeyLookup<{ customer_number: string }>(storage, 'select customer_number from parties where customer_number in (:keys)');
      const lineLookup = new KeyLookup<{ msisdn: string; customer_number: string }>(
        storage,
        `select l.msisdn, p.customer_number from lines l join accounts a on a.id = l.account_id join parties p on p.id = a.party_id
         where l.msisdn in (:keys)`,
      );
      /** first line of each customer number and line number in the file */
      const numberLines = new Map<string, number>();
      const msisdnLines = new Map<string, number>();
      /** the next number to generate; numbers are generated when the rows are published */
      let genNext = (await highestGeneratedNumber(storage.db, true)) + 1;
      /** the next free number, skipping every number the file gives */
      const generate = () => {
        for (;;) {
          const number = formatNumber(genNext++);
          if (!numberLines.has(number)) return number;
        }
      };

      function parseRow(record: CsvRecord): { row: CustomerRow; errors: RowError[] } {
        const get = read(record);
        const line = record.line;
        const errors: RowError[] = [];
        const fail = (field: string, reason: string) => errors.push({ line, field, reason });

        let customerNumber: string | null = get('customer_number') || null;
        if (customerNumber !== null) {
          if (/^c\d+$/.test(customerNumber)) customerNumber = customerNumber.toUpperCase();
          if (!CUSTOMER_NUMBER.test(customerNumber)) {
            fail('customer_number', `"${customerNumber}" is not a customer number (up to 40 letters, digits, . _ / -; or leave it empty to generate one)`);
          }
        }
        const kindRaw = get('kind').toLowerCase() || 'individual';
        const kind = kindRaw === 'individual' || kindRaw === 'organisation' ? kindRaw : kindRaw === 'organization' ? 'organisation' : null;
        if (kind === null) fail('kind', `"${get('kind')}" is not individual or organisation`);
        const givenName = get('given_name') || null;
        const familyName = get('family_name') || null;
        const organisationName = get('organisation_name') || null;
        const displayName =
          kind === 'organisation' ? (organisationName ?? '') : `${givenName ?? ''} ${familyName ?? ''}`.trim();
        if (displayName === '') {
          if (kind === 'organisation') fail('organisation_name', 'is required for an organisation');
          else if (kind === 'individual') fail('family_name', 'is required for an individual (given_name and family_name of the customer)');
        }
        const languageRaw = get('preferred_language').toLowerCase() || 'fr';
        const preferredLanguage = (LANGUAGES as readonly string[]).includes(languageRaw) ? (languageRaw as Language) : null;
        if (preferredLanguage === null) fail('preferred_language', `"${get('preferred_language')}" is not one of ${LANGUAGES.join(', ')}`);
        const segmentRaw = get('segment').toLowerCase() || (kind === 'organisation' ? 'business' : 'residential');
        const segment = segmentRaw === 'residential' || segmentRaw === 'business' ? segmentRaw : null;
        if (segment === null) fail('segment', `"${get('segment')}" is not residential or business`);

        let accountManagerId: string | null = null;
        const managerEmail = get('account_manager_email');
        if (managerEmail !== '') {
          const manager = users.get(managerEmail.toLowerCase());
          if (manager) accountManagerId = manager.id;
          else fail('account_manager_email', `no user has the e-mail "${managerEmail}" (create the user first, or leave it empty)`);
        }

        const phones: string[] = [];
        for (const raw of splitList(get('phones'))) {
          const parsed = checkPhone(raw);
          if (!parsed.ok) fail('phones', parsed.reason);
          else if (!phones.includes(parsed.e164)) phones.push(parsed.e164);
        }
        const emails: string[] = [];
        for (const raw of splitList(get('emails'))) {
          const email = raw.toLowerCase();
          if (!EMAIL_PATTERN.test(email)) fail('emails', `"${raw}" is not an e-mail address`);
          else if (!emails.includes(email)) emails.push(email);
        }
        const lines: CustomerRow['lines'] = [];
        for (const raw of splitList(get('lines'))) {
          const colon = raw.indexOf(':');
          const plan = colon === -1 ? '' : raw.slice(colon + 1).trim();
          if (colon === -1 || plan === '') {
            fail('lines', `"${raw}" is not msisdn:plan (e.g. +352 621 123 456:Love Duo)`);
            continue;
          }
          const parsed = checkPhone(raw.slice(0, colon));
          if (!parsed.ok) fail('lines', parsed.reason);
          else if (lines.some((l) => l.msisdn === parsed.e164)) fail('lines', `${parsed.e164} is listed twice in this row`);
          else lines.push({ msisdn: parsed.e164, kind: parsed.kind === 'landline' ? 'landline' : 'mobile', plan });
        }
        const surveys = parseFlag(get('consent_surveys'));
        if (!surveys.ok) fail('consent_surveys', surveys.reason);
        const marketing = parseFlag(get('consent_marketing'));
        if (!marketing.ok) fail('consent_marketing', marketing.reason);

        return {
          errors,
          row: {
            customerNumber,
            kind: kind ?? 'individual',
            givenName,
            familyName,
            organisationName,
            displayName,
            preferredLanguage: preferredLanguage ?? 'fr',
            segment: segment ?? 'residential',
            accountManagerId,
            phones,
            emails,
            lines,
            consentSurveys: surveys.ok ? surveys.value !== false : true,
            consentMarketing: marketing.ok ? marketing.value === true : false,
            locality: get('locality') || null,
          },
        };
      }

      return {
        async check(records, db) {
          const parsed = records.map(parseRow);
          // Duplicates inside the file; only first occurrences can conflict with the database.
          const numbers: string[] = [];
          const msisdns: string[] = [];
          for (let i = 0; i < parsed.length; i++) {
            const { row, errors } = parsed[i]!;
            const line = records[i]!.line;
            if (row.customerNumber !== null) {
              const first = numberLines.get(row.customerNumber);
              if (first !== undefined) errors.push({ line, field: 'customer_number', reason: `"${row.customerNumber}" is also on line ${first}` });
              else {
                numberLines.set(row.customerNumber, line);
                numbers.push(row.customerNumber);
              }
            }
            for (const l of row.lines) {
              const first = msisdnLines.get(l.msisdn);
              if (first !== undefined) errors.push({ line, field: 'lines', reason: `${l.msisdn} is also on line ${first}` });
              else {
                msisdnLines.set(l.msisdn, line);
                msisdns.push(l.msisdn);
              }
            }
          }
          // Conflicts with the database.
          const taken = new Set((await numberLookup.find(db, numbers)).map((r) => r.customer_number));
          const owners = new Map((await lineLookup.find(db, msisdns)).map((r) => [r.msisdn, r.customer_number]));
          return parsed.map(({ row, errors }, i): RowOutcome<CustomerRow> => {
            const line = records[i]!.line;
            if (row.customerNumber !== null && taken.has(row.customerNumber) && numberLines.get(row.customerNumber) === line) {
              errors.push({ line, field: 'customer_number', reason: `"${row.customerNumber}" is already the number of an existing customer` });
            }
            for (const l of row.lines) {
              const owner = owners.get(l.msisdn);
              if (owner !== undefined && msisdnLines.get(l.msisdn) === line) {
                errors.push({ line, field: 'lines', reason: `${l.msisdn} already belongs to customer ${owner}` });
              }
            }
            return errors.length ? { kind: 'error', errors } : { kind: 'ok', row };
          });
        },

        publisher: {
          kind: 'customers',
          async publish(trx, rows, batchId) {
            // Generated numbers follow the highest in use at the time of writing (a live creation may
            // have taken the next one since the last piece), skipping every number the file gives.
            genNext = Math.max(genNext, (await highestGeneratedNumber(trx, false)) + 1);
            const inserter = bulkWriter(storage, trx);
            const now = Date.now();
            for (const { row } of rows) {
              const id = newId();
              const customerNumber = row.customerNumber ?? generate();
              inserter.insert('parties', {
                id,
                customer_number: customerNumber,
                kind: row.kind,
                given_name: row.givenName,
                family_name: row.familyName,
                organisation_name: row.organisationName,
                display_name: row.displayName,
                search_name: foldForSearch(row.displayName),
                locality: row.locality,
                preferred_language: row.preferredLanguage,
                consent_surveys: (row.consentSurveys ? 1 : 0) as Flag,
                consent_marketing: (row.consentMarketing ? 1 : 0) as Flag,
                created_at: now,
                updated_at: now,
                import_batch_id: batchId,
              });
              const search = searchIndexOf(row.displayName);
              for (const term of search.terms) inserter.insert('party_search_terms', { term, party_id: id, name: search.name });
              const accountId = newId();
              inserter.insert('accounts', {
                id: accountId,
                account_number: `A${customerNumber}`,
                party_id: id,
                segment: row.segment,
                account_manager_id: row.accountManagerId,
                status: 'active',
                created_at: now,
              });
              for (const l of row.lines) {
                inserter.insert('lines', { id: newId(), account_id: accountId, msisdn: l.msisdn, kind: l.kind, plan: l.plan, status: 'active', activated_at: now });
              }
              row.phones.forEach((value, i) => {
                inserter.insert('contact_points', { id: newId(), party_id: id, kind: 'phone', value, is_primary: (i === 0 ? 1 : 0) as Flag });
              });
              row.emails.forEach((value, i) => {
                inserter.insert('contact_points', { id: newId(), party_id: id, kind: 'email', value, is_primary: (i === 0 ? 1 : 0) as Flag });
              });
            }
            await inserter.flush();
          },
        },
      };
    },
  });
}

const formatNumber = (n: number) => `C${String(n).padStart(8, '0')}`;

/**
 * The highest number of the `C<digits>` form in use. `exact`: ordered by length first, so that
 * C100000000 counts as higher than C99999999 (reads every C number: once per import); otherwise the
 * highest of the usual eight digits, from the index (once per published piece).
 */
async function highestGeneratedNumber(db: Kysely<Database>, exact: boolean): Promise<number> {
  if (!exact) {
    const row = await db
      .selectFrom('parties')
      .select('customer_number')
      .where('customer_number', '>=', 'C00000000')
      .where('customer_number', '<=', 'C99999999')
      .orderBy('customer_number', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && /^C\d{8}$/.test(row.customer_number) ? Number(row.customer_number.slice(1)) : 0;
  }
  const rows = await db
    .selectFrom('parties')
    .select('customer_number')
    .where('customer_number', 'like', 'C%')
    .orderBy((eb) => eb.fn('length', ['customer_number']), 'desc')
    .orderBy('customer_number', 'desc')
    .limit(100)
    .execute();
  return rows.reduce((max, r) => (GENERATED.test(r.customer_number) ? Math.max(max, Number(r.customer_number.slice(1))) : max), 0);
}
