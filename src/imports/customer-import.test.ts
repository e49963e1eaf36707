import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { findByPhone, searchCustomers } from '../customers/customer-service.js';
import type { Storage } from '../storage/database.js';
import { formatRowError } from './csv-rows.js';
import { importCustomers } from './customer-import.js';

const HEADER =
  'customer_number,kind,given_name,family_name,organisation_name,preferred_language,segment,account_manager_email,phones,emails,lines,consent_surveys,consent_marketing';

const dir = mkdtempSync(join(tmpdir(), 'ecoute-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function csv(...lines: string[]): string {
  const path = join(dir, `customers-${++files}.csv`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

for (const engine of await testEngines()) {
  describe(`customer import on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let managerEmail: string;
    const count = async (table: 'parties' | 'accounts' | 'lines' | 'contact_points') =>
      Number((await storage.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      managerEmail = (await storage.db.selectFrom('users').select('email').where('id', '=', team.advisorId).executeTakeFirstOrThrow()).email;
      // Owns +352 621 123 456 and number C00000001.
      await seedCustomer(storage.db);
    });
    after(() => storage?.close());

    it('imports a valid file: parties, accounts, lines and contact points, numbers normalised, defaults applied', async () => {
      const file = csv(
        HEADER,
        ',individual,Léa,Muller,,DE,,,"+352 26 11 22 33; 691 222 333",lea.muller@example.lu,+352 621 000 001:Love Duo,,',
        `C00000500,organisation,,,Boulangerie Hoffmann SARL,fr,,${managerEmail.toUpperCase()},,"info@hoffmann.lu;Compta@Hoffmann.lu","00352691000002:Business Pro; 691 000 003 : Business Data",no,yes`,
        ',,Paul,Schmit,,lb,residential,,,,,0,1',
      );
      const report = await importCustomers(storage, { file });
      assert.deepEqual(report.errors, []);
      assert.equal(report.status, 'imported');
      assert.deepEqual([report.rows, report.imported, report.rejected, report.duplicates], [3, 3, 0, 0]);

      const parties = await storage.db.selectFrom('parties').selectAll().where('customer_number', '!=', 'C00000001').orderBy('customer_number').execute();
      assert.deepEqual(
        parties.map((p) => [p.customer_number, p.display_name, p.search_name, p.preferred_language, p.consent_surveys, p.consent_marketing]),
        [
          // Generated after the highest number in use, as createCustomer does.
          ['C00000002', 'Léa Muller', 'lea muller', 'de', 1, 0],
          ['C00000003', 'Paul Schmit', 'paul schmit', 'lb', 0, 1],
          ['C00000500', 'Boulangerie Hoffmann SARL', 'boulangerie hoffmann sarl', 'fr', 0, 1],
        ],
      );
      const hoffmann = parties[2]!;
      const account = await storage.db.selectFrom('accounts').selectAll().where('party_id', '=', hoffmann.id).executeTakeFirstOrThrow();
      assert.equal(account.segment, 'business');
      assert.equal(account.account_number, 'AC00000500');
      assert.ok(account.account_manager_id);
      const lines = await storage.db.selectFrom('lines').select(['msisdn', 'plan', 'kind']).where('account_id', '=', account.id).orderBy('msisdn').execute();
      assert.deepEqual(lines, [
        { msisdn: '+352691000002', plan: 'Business Pro', kind: 'mobile' },
        { msisdn: '+352691000003', plan: 'Business Data', kind: 'mobile' },
      ]);
      const emails = await storage.db.selectFrom('contact_points').select(['value', 'is_primary']).where('party_id', '=', hoffmann.id).orderBy('is_primary', 'desc').execute();
      assert.deepEqual(emails, [{ value: 'info@hoffmann.lu', is_primary: 1 }, { value: 'compta@hoffmann.lu', is_primary: 0 }]);
      const lea = parties[0]!;
      assert.deepEqual(await findByPhone(storage.db, '+352621000001'), [{ partyId: lea.id, matchedBy: 'line' }]);
      assert.deepEqual(await findByPhone(storage.db, '+35226112233'), [{ partyId: lea.id, matchedBy: 'contact_point' }]);
      assert.deepEqual(await findByPhone(storage.db, '+352691222333'), [{ partyId: lea.id, matchedBy: 'contact_point' }]);
    });

    it('imports nothing from a file with errors and reports each bad row with its line, field and reason', async () => {
      const before = [await count('parties'), await count('lines'), await count('contact_points')];
      const file = csv(
        HEADER,
        ',,Anne,Klein,,fr,,,62x,anne@example.lu,+352 621 000 010:Love Duo,,', // line 2
        ',,"Jean',
        'Pierre",Kieffer,,fr,,,,,+352 621 000 011:Love Duo,,', // lines 3-4: a quoted value over two lines
        'C00000001,,Tom,Becker,,fr,,,,,+352 621 123 456:Love Duo,,', // line 5: number and line already in use
        'C00000600,,Tom,Becker,,fr,,,,,+352 621 000 010:Love Duo,,', // line 6: line also on line 2
        'C00000600,organisation,,,,xx,private,nobody@example.lu,,not-an-email,+352 621 000 012,maybe,', // line 7
        ',,Only,Three', // line 8
        ',,Good,Row,,fr,,,,,+352 621 000 013:Love Duo,,', // line 9
      );
      const report = await importCustomers(storage, { file });
      assert.equal(report.status, 'rejected');
      assert.deepEqual([report.rows, report.imported, report.rejected, report.valid], [7, 0, 5, 2]);
      assert.deepEqual(report.errors.map(formatRowError), [
        'line 2, phones: "62x" is not a valid phone number (may only contain digits, spaces, +, -, /, . and brackets; expected e.g. +352 621 123 456)',
        'line 5, customer_number: "C00000001" is already the number of an existing customer',
        'line 5, lines: +352621123456 already belongs to customer C00000001',
        'line 6, lines: +352621000010 is also on line 2',
        'line 7, customer_number: "C00000600" is also on line 6',
        'line 7, organisation_name: is required for an organisation',
        'line 7, preferred_language: "xx" is not one of fr, de, en, lb',
        'line 7, segment: "private" is not residential or business',
        'line 7, account_manager_email: no user has the e-mail "nobody@example.lu" (create the user first, or leave it empty)',
        'line 7, emails: "not-an-email" is not an e-mail address',
        'line 7, lines: "+352 621 000 012" is not msisdn:plan (e.g. +352 621 123 456:Love Duo)',
        'line 7, consent_surveys: "maybe" is not yes or no (expected yes, no, 1, 0, true or false)',
        'line 8: has 4 values but the header has 13 columns (a value containing "," must be in double quotes)',
      ]);
      assert.equal(report.errorCount, 13);
      assert.equal(report.rejectsFile, undefined);
      assert.deepEqual([await count('parties'), await count('lines'), await count('contact_points')], before);
    });

    it('with skipInvalid imports the valid rows and writes the others to the reject file with their line and error', async () => {
      const before = await count('parties');
      const file = csv(
        HEADER,
        ',,Marc,Wagner,,fr,,,,,+352 621 000 020:Love Duo,,',
        ',,Bad,Phone,,fr,,,"abc; 12",,,,',
        ',,Nora,Reuter,,en,,,,nora@example.lu,,,',
        ',,Dup,Line,,fr,,,,,+352 621 000 020:Love Duo,,',
      );
      const report = await importCustomers(storage, { file, skipInvalid: true });
      assert.equal(report.status, 'imported');
      assert.deepEqual([report.imported, report.rejected], [2, 2]);
      assert.equal(report.rejectsFile, file.replace(/\.csv$/, '.rejects.csv'));
      assert.equal(await count('parties'), before + 2);
      const rejects = parse(readFileSync(report.rejectsFile!), { columns: true }) as Record<string, string>[];
      assert.deepEqual(Object.keys(rejects[0]!), [...HEADER.split(','), 'line', 'error']);
      assert.deepEqual(
        rejects.map((r) => [r.line, r.given_name, r.phones, r.error]),
        [
          [
            '3',
            'Bad',
            'abc; 12',
            'phones: "abc" is not a valid phone number (may only contain digits, spaces, +, -, /, . and brackets; expected e.g. +352 621 123 456) | phones: "12" is not a valid phone number (expected e.g. +352 621 123 456)',
          ],
          ['5', 'Dup', '', 'lines: +352621000020 is also on line 2'],
        ],
      );
      // The corrected reject file imports as it is: its line and error columns are ignored, and
      // a row still wrong gets its line and error replaced in the new reject file.
      const corrected = join(dir, 'corrected.csv');
      writeFileSync(corrected, readFileSync(report.rejectsFile!, 'utf8').replace(',abc; 12,', ',+352 26 55 44 33,'));
      const again = await importCustomers(storage, { file: corrected, skipInvalid: true });
      assert.deepEqual([again.imported, again.rejected], [1, 1]);
      const stillWrong = parse(readFileSync(again.rejectsFile!), { columns: true }) as Record<string, string>[];
      assert.deepEqual(Object.keys(stillWrong[0]!), [...HEADER.split(','), 'line', 'error']);
      assert.deepEqual([stillWrong[0]!.given_name, stillWrong[0]!.line], ['Dup', '3']);
      assert.match(stillWrong[0]!.error!, /^lines: \+352621000020 already belongs to customer C\d+$/);
      // A chosen reject path; a run without rejects leaves no reject file.
      const clean = csv(HEADER, ',,Zoé,Thill,,fr,,,,,,,');
      const rejectsPath = join(dir, 'chosen.rejects.csv');
      const second = await importCustomers(storage, { file: clean, skipInvalid: true, rejectsPath });
      assert.deepEqual([second.imported, second.rejected, second.rejectsFile], [1, 0, undefined]);
      assert.equal(existsSync(rejectsPath), false);
    });

    it('with skipInvalid and no valid row imports nothing and says so', async () => {
      const report = await importCustomers(storage, { file: csv(HEADER, ',,,,,fr,,,,,,,'), skipInvalid: true });
      assert.equal(report.status, 'rejected');
      assert.deepEqual(report.errors.map(formatRowError), ['line 2, family_name: is required for an individual (given_name and family_name of the customer)']);
    });

    it('rejects a value holding a control character, naming the column and the character, and imports nothing', async () => {
      const before = await count('parties');
      const report = await importCustomers(storage, { file: csv(HEADER, ',,Anna,Mu\u0000ller,,fr,,,,,,,', ',,Eva,Lang,,fr,,,,,,,') });
      assert.equal(report.status, 'rejected');
      assert.deepEqual(report.errors.map(formatRowError), ['line 2, family_name: contains the control character U+0000 at position 3; remove it']);
      assert.equal(await count('parties'), before);
    });

    it('refuses unknown and missing header columns, naming them, before reading any row', async () => {
      await assert.rejects(
        importCustomers(storage, { file: csv('given_name,surname,phone_numbers', 'Marie,Weber,') }),
        (error: any) =>
          error.code === 'invalid-header' &&
          /unknown columns "surname", "phone_numbers"/.test(error.message) &&
          /missing column "family_name" or "organisation_name"/.test(error.message) &&
          /line 1/.test(error.message),
      );
    });

    it('refuses a file that is not valid CSV, naming the line, and imports nothing from it', async () => {
      const before = await count('parties');
      await assert.rejects(
        importCustomers(storage, { file: csv('given_name,family_name', 'Anna,Bauer', 'Eva,"Lang', 'Max,Roth'), skipInvalid: true }),
        (error: any) => error.code === 'invalid-file' && /line 3: a value opens a double quote that is never closed/.test(error.message),
      );
      assert.equal(await count('parties'), before);
    });

    it('reads semicolon-separated files with a byte-order mark, as spreadsheets save them; a dry run writes nothing', async () => {
      const path = join(dir, 'excel.csv');
      writeFileSync(path, '\uFEFF' + 'family_name;given_name;lines;phones\r\nHoffmann;Luc;"+352 621 000 030:Love Duo;+352 621 000 031:Love Duo";\r\n');
      const before = await count('lines');
      const dry = await importCustomers(storage, { file: path, dryRun: true });
      assert.deepEqual([dry.status, dry.valid, dry.imported], ['validated', 1, 0]);
      assert.equal(await count('lines'), before);
      const report = await importCustomers(storage, { file: path });
      assert.deepEqual([report.status, report.imported], ['imported', 1]);
      assert.equal(await count('lines'), before + 2);
    });

    it('generates numbers around those the file gives, even when a later row gives the next free number', async () => {
      const top = await storage.db.selectFrom('parties').select((eb) => eb.fn.max('customer_number').as('max')).where('customer_number', 'like', 'C%').executeTakeFirstOrThrow();
      const next = `C${String(Number(top.max!.slice(1)) + 1).padStart(8, '0')}`;
      const file = csv(HEADER, ',,First,Generated,,fr,,,,,,,', ',,Second,Generated,,fr,,,,,,,', `${next},,Explicit,Number,,fr,,,,,,,`);
      const report = await importCustomers(storage, { file, batchSize: 1 });
      assert.deepEqual([report.imported, report.rejected], [3, 0]);
      const rows = await storage.db
        .selectFrom('parties')
        .innerJoin('accounts', 'accounts.party_id', 'parties.id')
        .select(['parties.display_name', 'parties.customer_number', 'accounts.account_number'])
        .where('parties.family_name', 'in', ['Generated', 'Number'])
        .orderBy('parties.customer_number')
        .execute();
      const n = (k: number) => `C${String(Number(next.slice(1)) + k).padStart(8, '0')}`;
      assert.deepEqual(rows, [
        { display_name: 'Explicit Number', customer_number: n(0), account_number: `A${n(0)}` },
        { display_name: 'First Generated', customer_number: n(1), account_number: `A${n(1)}` },
        { display_name: 'Second Generated', customer_number: n(2), account_number: `A${n(2)}` },
      ]);
    });

    it('imports the locality, and the customers imported are found by the words of their names', async () => {
      const file = csv(
        `${HEADER},locality`,
        ',organisation,,,Hoffmann & Wagener Sàrl,de,,,,info@hoffmann-wagener.lu,,,,Ettelbruck',
        ',individual,Jörg,Müller,,de,,,,,,,,',
      );
      const report = await importCustomers(storage, { file });
      assert.deepEqual(report.errors, []);
      const [hw] = (await searchCustomers(storage.db, 'wagener hoffmann', 20)).items;
      assert.equal(hw?.displayName, 'Hoffmann & Wagener Sàrl');
      assert.equal(hw?.locality, 'Ettelbruck');
      const [jorg] = (await searchCustomers(storage.db, 'joerg mueller', 20)).items;
      assert.equal(jorg?.displayName, 'Jörg Müller');
      assert.equal(jorg?.locality, null);
    });
  });
}
