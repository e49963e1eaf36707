import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import type { Storage } from '../storage/database.js';
import { formatRowError } from './csv-rows.js';
import { importInteractions } from './interaction-import.js';

const HEADER = 'external_id,customer_number,phone,channel,direction,reason,started_at,ended_at,advisor_email,outcome,resolved,recording_ref,notes';

const dir = mkdtempSync(join(tmpdir(), 'ecoute-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function csv(...lines: string[]): string {
  const path = join(dir, `interactions-${++files}.csv`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

for (const engine of await testEngines()) {
  describe(`interaction import on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let team: Awaited<ReturnType<typeof seedTeam>>;
    let advisorEmail: string;
    let marie: { id: string; customerNumber: string };
    let hoffmann: { id: string; customerNumber: string };
    const count = async () =>
      Number((await storage.db.selectFrom('interactions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const byExternalId = (id: string) => storage.db.selectFrom('interactions').selectAll().where('external_id', '=', id).executeTakeFirstOrThrow();
    const options = (file: string, more: object = {}) => ({ file, fcrWindowDays: 7, ...more });

    before(async () => {
      storage = await engine.open();
      team = await seedTeam(storage.db);
      advisorEmail = (await storage.db.selectFrom('users').select('email').where('id', '=', team.advisorId).executeTakeFirstOrThrow()).email;
      // Line +352 621 123 456, phone on file +352 26 12 34 56.
      marie = await seedCustomer(storage.db);
      // Two lines; shares the phone +352 26 99 99 99 with Jean.
      hoffmann = await seedCustomer(storage.db, {
        kind: 'organisation',
        organisationName: 'Boulangerie Hoffmann',
        segment: 'business',
        lines: [{ msisdn: '+352 691 555 111', plan: 'Business Pro' }, { msisdn: '+352 691 555 112', plan: 'Business Pro' }],
        phones: ['+352 26 99 99 99'],
        emails: [],
      });
      await seedCustomer(storage.db, { givenName: 'Jean', lines: [], phones: ['+352 26 99 99 99'], emails: [] });
    });
    after(() => storage?.close());

    it('imports a valid file: customer by number, line or phone on file, local times converted, advisor team and site, repeat links', async () => {
      const file = csv(
        HEADER,
        // The repeat comes first in the file: the links do not depend on the order of the rows.
        `E2,,621 123 456,shop,,billing,2026-03-30T10:00:00+02:00,,,,no,,`,
        `E1,${marie.customerNumber},,phone,inbound,billing,2026-03-29 01:30,2026-03-29 03:10,${advisorEmail},explained the bill,yes,rec-0001,"called back; said ""thanks"""`,
        `E3,,+352 691 555 112,email,outbound,network,2026-10-25 02:30,2026-10-25T02:40:00+01:00,,,,,`,
        `E4,,26 12 34 56,CHAT,,,2026-07-01 12:00:00,,,,,,`,
      );
      const report = await importInteractions(storage, options(file));
      assert.deepEqual(report.errors, []);
      assert.deepEqual([report.status, report.rows, report.imported, report.rejected, report.duplicates], ['imported', 4, 4, 0, 0]);

      const e1 = await byExternalId('E1');
      assert.equal(e1.party_id, marie.id);
      assert.equal(new Date(e1.started_at).toISOString(), '2026-03-29T00:30:00.000Z'); // CET
      assert.equal(new Date(e1.ended_at!).toISOString(), '2026-03-29T01:10:00.000Z'); // CEST, 40 minutes later
      assert.deepEqual([e1.advisor_id, e1.team_id, e1.site_id], [team.advisorId, team.teamId, team.siteId]);
      assert.deepEqual([e1.channel, e1.direction, e1.reason_code, e1.resolved, e1.outcome, e1.recording_ref, e1.notes], [
        'phone', 'inbound', 'billing', 1, 'explained the bill', 'rec-0001', 'called back; said "thanks"',
      ]);
      const marieAccount = await storage.db.selectFrom('accounts').select('id').where('party_id', '=', marie.id).executeTakeFirstOrThrow();
      assert.equal(e1.account_id, marieAccount.id);

      const e2 = await byExternalId('E2');
      assert.deepEqual([e2.party_id, e2.phone, e2.channel, e2.direction, e2.resolved, e2.advisor_id], [marie.id, '+352621123456', 'shop', 'inbound', 0, null]);
      // Same customer, same reason, within 7 days: E2 repeats E1.
      assert.equal(e2.repeat_of, e1.id);
      assert.equal(e1.next_contact_at, e2.started_at);
      assert.equal(e1.repeat_of, null);

      const e3 = await byExternalId('E3');
      assert.equal(e3.party_id, hoffmann.id);
      assert.equal(new Date(e3.started_at).toISOString(), '2026-10-25T00:30:00.000Z'); // first 02:30, still summer time
      assert.equal(new Date(e3.ended_at!).toISOString(), '2026-10-25T01:40:00.000Z');
      const line = await storage.db.selectFrom('lines').select('account_id').where('msisdn', '=', '+352691555112').executeTakeFirstOrThrow();
      assert.equal(e3.account_id, line.account_id);

      const e4 = await byExternalId('E4');
      assert.deepEqual([e4.party_id, e4.channel, e4.reason_code, e4.resolved], [marie.id, 'chat', null, null]);
      assert.equal(new Date(e4.started_at).toISOString(), '2026-07-01T10:00:00.000Z');

      // Importing the same file again creates nothing.
      const again = await importInteractions(storage, options(file));
      assert.deepEqual([again.status, again.imported, again.rejected, again.duplicates], ['imported', 0, 0, 4]);
      assert.equal(await count(), 4);
    });

    it('imports nothing from a file with errors and reports each bad row with its line, field and reason', async () => {
      const before = await count();
      const file = csv(
        HEADER,
        `F1,C99999999,,phone,,billing,2026-04-01 10:00,,,,,,`,
        `F2,,+352 26 99 99 99,phone,,billing,2026-04-01 10:00,,,,,,`,
        `F3,,+352 691 000 999,phone,,billing,2026-04-01 10:00,,,,,,`,
        `F4,${marie.customerNumber},,fax,sideways,complaint,2026-03-29 02:30,,nobody@example.lu,,maybe,,`,
        `F5,${marie.customerNumber},,phone,,,01/04/2026 10:00,2026-04-01 09:00,,,,,`,
        `F6,${marie.customerNumber},,phone,,,2026-04-01 10:00,2026-04-01 09:59,,,,,`,
        `F6,${marie.customerNumber},,phone,,,2026-04-02 10:00,,,,,,`,
        `F8,,,phone,,,2026-04-02 10:00,,,,,,`,
        `F9,${marie.customerNumber},62x,phone,,,2026-04-02 10:00,,,,,,`,
        `F10,${marie.customerNumber},,app,,account,2026-04-02 10:00,,,,yes,,`,
      );
      const report = await importInteractions(storage, options(file));
      assert.deepEqual([report.status, report.rows, report.imported, report.rejected, report.valid], ['rejected', 10, 0, 9, 1]);
      assert.deepEqual(report.errors.map(formatRowError), [
        'line 2, customer_number: no customer has the number "C99999999"',
        `line 3, phone: +35226999999 is on file for 2 customers (${[hoffmann.customerNumber, 'C00000003'].sort().join(', ')}); give the customer_number`,
        'line 4, phone: no customer has the number +352691000999 (neither as a line nor as a contact phone)',
        'line 5, channel: "fax" is not one of phone, shop, email, chat, app, web, social',
        'line 5, direction: "sideways" is not inbound or outbound',
        `line 5, reason: "complaint" is not a contact reason (see ecoute's reason list, GET /api/v1/reasons)`,
        'line 5, started_at: "2026-03-29 02:30" does not exist in Europe/Luxembourg time: the clocks moved forward by 60 minutes that night (UTC +01:00 to +02:00); write the time with its UTC offset',
        'line 5, advisor_email: no user has the e-mail "nobody@example.lu" (create the user first, or leave it empty)',
        'line 5, resolved: "maybe" is not yes or no (expected yes, no, 1, 0, true or false)',
        'line 6, started_at: "01/04/2026 10:00" is not a date and time (expected ISO 8601 such as 2026-03-29T10:15:00+02:00, or local Luxembourg time such as 2026-03-29 10:15)',
        'line 7, ended_at: "2026-04-01 09:59" is before started_at "2026-04-01 10:00"',
        'line 8, external_id: "F6" is also on line 7',
        'line 9, customer_number: or phone is required to find the customer',
        'line 10, phone: "62x" is not a valid phone number (may only contain digits, spaces, +, -, /, . and brackets; expected e.g. +352 621 123 456)',
      ]);
      assert.equal(await count(), before);
    });

    it('with skipInvalid imports the valid rows, writes the others to the reject file, and recomputes repeats', async () => {
      const before = await count();
      const rejectsPath = join(dir, 'contacts-rejects.csv');
      const file = csv(
        HEADER,
        `G1,${hoffmann.customerNumber},,phone,,roaming,2026-05-01 09:00,,,,yes,,`,
        `G2,${hoffmann.customerNumber},,phone,,roaming,2026-05-01 25:00,,,,yes,,`,
        `G3,,691555111,app,,roaming,2026-05-03 18:00,,,,yes,,`,
        `G4,${hoffmann.customerNumber},,phone,,roaming,2026-05-20 09:00,,,,yes,,`,
      );
      const report = await importInteractions(storage, options(file, { skipInvalid: true, rejectsPath }));
      assert.deepEqual([report.status, report.imported, report.rejected], ['imported', 3, 1]);
      assert.equal(report.rejectsFile, rejectsPath);
      assert.equal(await count(), before + 3);
      const rejects = parse(readFileSync(rejectsPath), { columns: true }) as Record<string, string>[];
      assert.deepEqual(rejects.map((r) => [r.external_id, r.started_at, r.line, r.error]), [
        ['G2', '2026-05-01 25:00', '3', 'started_at: "2026-05-01 25:00" is not a valid date and time (expected ISO 8601 such as 2026-03-29T10:15:00+02:00, or local Luxembourg time such as 2026-03-29 10:15)'],
      ]);
      const [g1, g3, g4] = [await byExternalId('G1'), await byExternalId('G3'), await byExternalId('G4')];
      assert.equal(g3!.repeat_of, g1!.id); // two days later
      assert.equal(g1!.next_contact_at, g3!.started_at);
      assert.equal(g4!.repeat_of, null); // 17 days later: outside the window
      assert.equal(g3!.next_contact_at, null);
    });
  });
}
