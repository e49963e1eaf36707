import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { caseTimeline } from '../cases/case-service.js';
import { runEcoute } from '../cli/cli.testkit.js';
import type { Storage } from '../storage/database.js';
import { importComplaints } from './complaint-import.js';

const HEADER = 'reference,customer_number,phone,channel,category,received_at,acknowledged_at,answered_at,closed_at,state,outcome,rejection_reason,amount_disputed,description,team';
const dir = mkdtempSync(join(tmpdir(), 'ecoute-complaint-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function csv(...lines: string[]): string {
  const path = join(dir, `complaints-${++files}.csv`);
  writeFileSync(path, [HEADER, ...lines].join('\n') + '\n');
  return path;
}
const actor = { cli: 'backoffice' };
/** 10:00 in Luxembourg (UTC+1 in winter) on a day of March 2026. */
const march = (day: number, hour = 10) => Date.UTC(2026, 2, day, hour - 1);

for (const engine of await testEngines()) {
  describe(`importing a back office's complaints on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let customerNumber: string;
    let partyId: string;
    const counts = async () => ({
      complaints: (await storage.db.selectFrom('complaints').select('case_id').execute()).length,
      outbox: (await storage.db.selectFrom('outbox').select('id').where('topic', 'like', 'complaint.%').execute()).length,
    });
    before(async () => {
      storage = await engine.open();
      await seedTeam(storage.db, 'Back office');
      const customer = await seedCustomer(storage.db);
      customerNumber = customer.customerNumber;
      partyId = customer.id;
    });
    after(() => storage?.close());

    it('lists every error of a file with errors, line and column, and imports nothing', async () => {
      const file = csv(
        `,${customerNumber},,letter,billing,2026-03-02 10:00,,,,,,,"12,50",Billed twice,Back office`,
        ',C999999,,fax,roaming,2026-03-40 10:00,,,,,,,12.345,,Nobody',
        `,,+352 621 123 456,phone,billing,2026-03-05 10:00,2026-03-04 09:00,,,closed,maybe,,,No signal,Back office`,
      );
      const report = await importComplaints(storage, { file, actor });
      assert.equal(report.status, 'rejected');
      assert.deepEqual(report.errors.map((e) => [e.line, e.field]), [
        [3, 'customer_number'], [3, 'channel'], [3, 'received_at'], [3, 'amount_disputed'], [3, 'description'], [3, 'team'],
        [4, 'acknowledged_at'], [4, 'answered_at'], [4, 'closed_at'], [4, 'outcome'],
      ]);
      assert.match(report.errors[1]!.reason, /"fax" is not a channel: one of .*letter/);
      assert.match(report.errors[3]!.reason, /e\.g\. 12,50/);
      assert.match(report.errors[6]!.reason, /is before received_at/);
      assert.deepEqual(await counts(), { complaints: 0, outbox: 0 });
    });

    it("imports a history: each state change an event at its own time by the importing user, deadlines from the category, references kept or allocated, nobody told", async () => {
      const file = csv(
        `REC-2026-000500,${customerNumber},,letter,billing,2026-03-02 10:00,2026-03-03 09:00,2026-03-10 16:00,2026-03-12 11:00,,upheld,,"12,50",Billed twice for February,Back office`,
        `,,+352 621 123 456,phone,network,2026-03-04T09:00:00Z,,,,under_investigation,,,,No signal at home,Back office`,
        `BO-77,${customerNumber},,email,contract,2026-03-05 10:00,,,2026-03-06 10:00,,,Outside our services,,Wants a refund for a competitor,Back office`,
      );
      const report = await importComplaints(storage, { file, actor, batchSize: 2 });
      assert.equal(report.status, 'imported', JSON.stringify(report.errors));
      assert.deepEqual([report.imported, report.rejected], [3, 0]);
      const rows = await storage.db.selectFrom('complaints').innerJoin('cases', 'cases.id', 'complaints.case_id').selectAll().orderBy('complaints.received_at').execute();
      assert.deepEqual(rows.map((r) => [r.reference, r.state, r.party_id]), [
        ['REC-2026-000500', 'closed', partyId], ['REC-2026-000501', 'under_investigation', partyId], ['BO-77', 'rejected', partyId],
      ]);
      const closed = rows[0]!;
      assert.deepEqual([Number(closed.amount_disputed_cents), closed.outcome, Number(closed.acknowledged_at), Number(closed.answered_at)], [1250, 'upheld', march(3, 9), march(10, 16)]);
      assert.equal(Number(closed.ack_due_at), Date.UTC(2026, 2, 4, 17), 'acknowledge by 18:00 of the 2nd business day');
      const timeline = await caseTimeline(storage.db, closed.case_id);
      assert.deepEqual(timeline.map((e) => [e.action, e.at, e.actorId]), [
        ['opened', march(2), 'cli:backoffice'], ['acknowledge', march(3, 9), 'cli:backoffice'], ['answer', march(10, 16), 'cli:backoffice'], ['close', march(12, 11), 'cli:backoffice'],
      ]);
      assert.deepEqual((await caseTimeline(storage.db, rows[2]!.case_id)).map((e) => [e.action, e.reason]), [['opened', null], ['reject', 'Outside our services']]);
      const facts = await storage.db.selectFrom('complaint_facts').select('case_id').execute();
      assert.equal(facts.length, 3, 'the figures know every imported complaint');
      assert.equal((await counts()).outbox, 0, 'the customers are not told of their past complaints');

      const again = await importComplaints(storage, { file: csv(`REC-2026-000500,${customerNumber},,letter,billing,2026-03-02 10:00,,,,,,,,Billed twice,Back office`), actor });
      assert.deepEqual([again.imported, again.duplicates], [0, 1], 'the same reference, customer and time: already imported');
    });

    it('with --skip-invalid imports the valid rows and writes the others with their errors to the reject file; --dry-run writes nothing', async () => {
      const before = await counts();
      const file = csv(
        `,${customerNumber},,shop,device,2026-03-16 10:00,,,,,,,,Broken phone,Back office`,
        `,${customerNumber},,shop,device,2026-03-16 11:00,,,,answered,,,,Broken screen,Back office`,
      );
      const dry = await runEcoute(['complaints', 'import', file, '--dry-run'], storage);
      assert.equal(dry.status, 0, dry.stderr);
      assert.match(dry.stdout, /would import 1, rejected 1/);
      assert.deepEqual(await counts(), before);
      const run = await runEcoute(['complaints', 'import', file, '--skip-invalid'], storage);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /line 3, answered_at: is required for a complaint answered/);
      assert.match(run.stdout, /imported 1, rejected 1/);
      const rejects = file.replace(/\.csv$/, '.rejects.csv');
      assert.ok(existsSync(rejects));
      assert.match(readFileSync(rejects, 'utf8'), /Broken screen/);
      assert.equal((await counts()).complaints, before.complaints + 1);
    });
  });
}
