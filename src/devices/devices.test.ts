import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { callApi, loginHeaders } from '../../test/api-client.js';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { createApiToken } from '../auth/api-tokens.js';
import { createUser } from '../auth/auth-service.js';
import { runEcoute } from '../cli/cli.testkit.js';
import { loadConfig } from '../config.js';
import { exportCustomer } from '../privacy/customer-export.js';
import { eraseCustomer } from '../privacy/erasure.js';
import { customerSignIn } from '../self-service/self-service.testkit.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';
import { importDevices } from './device-import.js';
import { checkDevice } from './device-rows.js';
import { imeiCheckDigitValid, imeiDigits, luhnCheckDigit, maskImei } from './imei.js';

const HEADER = 'msisdn,imei,make,model,purchased_on,warranty_until,instalment_remaining_cents,instalment_last_on,status';
const NOW = Date.now();
const day = (offset: number) => new Date(NOW + offset * 86_400_000).toISOString().slice(0, 10);
/** A valid IMEI with this 14-digit start: its Luhn digit appended. */
const imei = (start: string) => `${start}${luhnCheckDigit(start)}`;
const ADMIN = { kind: 'user' as const, id: 'admin-1', role: 'admin' as const, displayName: 'Admin', teamId: null, language: 'fr' as const };

describe('an IMEI and the checks of a device', () => {
  it('reads an IMEI as written, checks its Luhn digit and masks it but its last 4 digits', () => {
    assert.equal(imeiDigits('35-209900-176148-1'), '352099001761481');
    assert.equal(imeiDigits('35 209900 176148 1'), '352099001761481');
    assert.equal(imeiDigits('3520990017614'), null, '13 digits');
    assert.equal(imeiDigits('35209900176148A'), null);
    assert.ok(imeiCheckDigitValid('352099001761481'));
    assert.ok(imeiCheckDigitValid('490154203237518'), 'the example of 3GPP TS 23.003');
    assert.ok(!imeiCheckDigitValid('352099001761482'), 'one digit off');
    assert.ok(!imeiCheckDigitValid('352099001761418'), 'two digits swapped');
    assert.equal(maskImei('352099001761481'), '•••••••••••1481');
  });

  it('names every wrong field of a device with its code at once', () => {
    const checked = checkDevice(
      { msisdn: 'not a number', imei: '352099001761482', make: '', model: 'x'.repeat(101), purchasedOn: day(3), warrantyUntil: '2026-13-01', instalmentLastOn: day(-1), status: 'broken' },
      NOW,
    );
    assert.ok('issues' in checked);
    assert.deepEqual(checked.issues.map((i) => [i.field, i.code]), [
      ['msisdn', 'invalid-phone'], ['imei', 'imei-check-digit'], ['make', 'required'], ['model', 'too-long'], ['purchasedOn', 'in-future'],
      ['warrantyUntil', 'invalid-format'], ['instalmentRemainingCents', 'required'], ['status', 'not-one-of'],
    ]);
    const ok = checkDevice({ msisdn: '621 123 456', imei: '35-209900-176148-1', make: 'Fairphone', model: 'Fairphone 5', purchasedOn: day(-30), warrantyUntil: day(700) }, NOW);
    assert.ok('device' in ok);
    assert.deepEqual([ok.device.msisdn, ok.device.imei, ok.device.status, ok.device.instalments], ['+352621123456', '352099001761481', 'active', null]);
    const before = checkDevice({ msisdn: '621123456', imei: '352099001761481', make: 'A', model: 'B', purchasedOn: day(-30), warrantyUntil: day(-31), instalmentRemainingCents: '100', instalmentLastOn: day(-40) }, NOW);
    assert.ok('issues' in before);
    assert.deepEqual(before.issues.map((i) => i.code), ['warranty-before-purchase', 'instalment-before-purchase']);
  });
});

for (const engine of await testEngines()) {
  describe(`devices on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let partyId: string;
    let system: Record<string, string>;
    let advisor: Record<string, string>;
    let coach: Record<string, string>;
    let dir: string;
    const line = '+352621910001';
    const other = '+352621910002';
    const phone = imei('35209900176148');
    const tablet = imei('35674108123456');
    const device = (overrides: Record<string, unknown> = {}) => ({
      msisdn: line, imei: phone, make: 'Fairphone', model: 'Fairphone 5 256 GB', purchasedOn: day(-200), warrantyUntil: day(530), instalmentRemainingCents: 24_000, instalmentLastOn: day(500), ...overrides,
    });
    const send = (body: string, type: string, headers = system) =>
      fetch(`${server.url}/api/v1/customer-devices`, { method: 'POST', headers: { ...headers, 'content-type': type }, body }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const rows = () => storage.db.selectFrom('devices').select(['imei', 'status', 'model', 'instalment_remaining_cents']).orderBy('imei').execute();

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ecoute-devices-'));
      storage = await engine.open();
      const { teamId } = await seedTeam(storage.db);
      partyId = (await seedCustomer(storage.db, { familyName: 'Appareil', lines: [{ msisdn: line, plan: 'Love Duo' }], phones: [], emails: [] })).id;
      await seedCustomer(storage.db, { familyName: 'Autre', lines: [{ msisdn: other, plan: 'Love Duo' }], phones: [], emails: [] });
      await createUser(storage.db, { email: 'advisor@devices.test', displayName: 'Advisor', role: 'advisor', teamId, password: 'correct horse' });
      await createUser(storage.db, { email: 'coach@devices.test', displayName: 'Coach', role: 'quality_coach', teamId, password: 'correct horse' });
      system = { authorization: `Bearer ${(await createApiToken(storage.db, 'devices', 'integration', ['devices'])).token}` };
      server = await startServer({ storage, config: loadConfig({ demoMode: true }), port: 0 });
      advisor = await loginHeaders(server.url, 'advisor@devices.test');
      coach = await loginHeaders(server.url, 'coach@devices.test');
    });
    after(async () => {
      await server?.close();
      await storage?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('records devices by line and IMEI, answers a replay as unchanged and a change as updated, and refuses a whole batch with a bad device', async () => {
      const first = await importDevices(storage.db, [device(), device({ imei: tablet, make: 'Samsung', model: 'Galaxy Tab', instalmentRemainingCents: null, instalmentLastOn: null })], { now: NOW });
      assert.deepEqual([first.created, first.updated, first.unchanged, first.written], [2, 0, 0, true]);
      const again = await importDevices(storage.db, [device(), device()], { now: NOW });
      assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 2]);
      const stolen = await importDevices(storage.db, [device({ status: 'STOLEN', instalmentRemainingCents: 22_000 })], { now: NOW });
      assert.deepEqual([stolen.created, stolen.updated], [0, 1]);
      const before = await rows();
      assert.deepEqual(before.map((r) => [r.imei, r.status, r.instalment_remaining_cents === null ? null : Number(r.instalment_remaining_cents)]), [[phone, 'stolen', 22_000], [tablet, 'active', null]].sort());
      const refused = await importDevices(storage.db, [device({ status: 'replaced' }), device({ msisdn: '+352621999999' }), device({ status: 'lost' })], { now: NOW });
      assert.equal(refused.written, false);
      assert.deepEqual(refused.refused.map((r) => [r.index, r.issues[0]!.field, r.issues[0]!.code]), [[1, 'msisdn', 'unknown-line'], [2, 'imei', 'repeated']]);
      assert.deepEqual(await rows(), before, 'all or nothing');
    });

    it('takes devices over the API as JSON and CSV with the scope devices, naming each refused field by its place', async () => {
      const json = await send(JSON.stringify({ devices: [device({ msisdn: other, imei: imei('35332211000001') })] }), 'application/json');
      assert.deepEqual([json.status, json.body.created, json.body.written], [200, 1, true]);
      const csv = await send([HEADER, `${line},${tablet},Samsung,Galaxy Tab S9,${day(-200)},${day(530)},,,replaced`, `${line},35-209900-176148-2,Apple,iPhone,${day(-10)},${day(-20)},500,,`].join('\n'), 'text/csv');
      assert.equal(csv.status, 422);
      assert.equal(csv.body.type.split('/').pop(), 'devices-refused');
      assert.deepEqual(csv.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]), [
        ['line 3, imei', 'imei-check-digit'], ['line 3, warranty_until', 'warranty-before-purchase'], ['line 3, instalment_last_on', 'required'],
      ]);
      assert.equal((await rows()).find((r) => r.imei === tablet)!.status, 'active', 'nothing of the batch recorded');
      assert.equal((await send(JSON.stringify([device()]), 'application/json', advisor)).status, 403, 'people send no devices; the systems do');
    });

    it('shows the IMEI whole to an advisor, masked to a quality coach, a system and the customer; each staff read is audited', async () => {
      const whole = await callApi(server.url, advisor, `/customers/${partyId}/devices`);
      assert.equal(whole.status, 200);
      const phoneOut = whole.body.items.find((d: { model: string }) => d.model === 'Fairphone 5 256 GB');
      assert.deepEqual([phoneOut.imei, phoneOut.imeiMasked, phoneOut.status, phoneOut.underWarranty, phoneOut.instalments.remainingCents], [phone, false, 'stolen', true, 22_000]);
      const masked = await callApi(server.url, coach, `/customers/${partyId}/devices`);
      assert.ok(masked.body.items.length === 2 && masked.body.items.every((d: { imei: string; imeiMasked: boolean }) => d.imeiMasked && /^•{11}\d{4}$/.test(d.imei)));
      const bySystem = await callApi(server.url, system, `/customers/${partyId}/devices`);
      assert.ok(bySystem.body.items.every((d: { imeiMasked: boolean }) => d.imeiMasked));
      const reads = await storage.db.selectFrom('audit_log').select('actor_kind').where('party_id', '=', partyId).where('via', '=', 'devices').execute();
      assert.equal(reads.length, 3);
      const { cookie } = await customerSignIn(server.url, storage, line);
      const mine = await callApi(server.url, { cookie }, '/my/devices');
      assert.deepEqual(mine.body.items.map((d: { imei: string }) => d.imei).sort(), [maskImei(phone), maskImei(tablet)].sort());
      assert.ok(!JSON.stringify(mine.body).includes(phone), 'never the whole IMEI in the app');
    });

    it('puts the devices in the customer’s export, the IMEI whole, and erases them with the customer', async () => {
      const exported = await exportCustomer(storage.db, partyId, { actor: ADMIN, via: 'api' }, 'key');
      assert.deepEqual(exported.devices.map((d) => d.imei).sort(), [phone, tablet].sort());
      const erased = await eraseCustomer(storage.db, partyId, { reason: 'request DPO-1', actor: ADMIN, via: 'api' }, 'key');
      assert.equal(erased.counts.devices, 2);
      assert.deepEqual((await rows()).map((r) => r.imei), [imei('35332211000001')], 'the other customer’s device stays');
    });

    it('imports a CSV file from the command line, refusing a file with bad rows whole and naming each by its line and column', async () => {
      const bad = join(dir, 'bad.csv');
      writeFileSync(bad, [HEADER, `${other},${imei('35332211000002')},Nokia,G42,${day(-5)},${day(725)},,,`, `${other},12345,Nokia,G42,${day(-5)},${day(725)},,,`, `+352691000000,${imei('35332211000003')},Nokia,G42,${day(-5)},${day(725)},,,lost`].join('\n'));
      const refused = await runEcoute(['devices', 'import', bad], storage);
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /line 3, imei: must be the 15 digits of an IMEI/);
      assert.match(refused.stderr, /line 4, msisdn: \+352691000000 is not a line of any customer/);
      assert.equal((await rows()).length, 1, 'nothing recorded');
      const good = join(dir, 'good.csv');
      writeFileSync(good, [HEADER, `${other},${imei('35332211000002')},Nokia,G42,${day(-5)},${day(725)},12000,${day(360)},`].join('\n'));
      const ok = await runEcoute(['devices', 'import', good], storage);
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /devices created 1, updated 0, unchanged 0/);
    });
  });
}
