import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { loadDemoSurveys } from '../demo/demo-surveys.js';
import { loadDemo } from '../demo/load.js';
import { importInteractions } from '../imports/interaction-import.js';
import { recordContactDetails, recordInteraction, updateInteractionEnd } from '../interactions/interaction-service.js';
import { newId } from '../shared/ids.js';
import type { Storage } from '../storage/database.js';
import { handleInboundSms } from '../surveys/survey-replies.js';
import { DIMENSIONS, type Dimension } from './dimensions.js';
import { npsReport, type ReportQuery } from './nps-report.js';
import { compare, npsOf } from './statistics.js';
import { rebuildCounts } from './survey-facts.js';

const NOW = Date.UTC(2026, 10, 20, 12);

/** The contact's day, computed without the product's calendar code. */
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Luxembourg', year: 'numeric', month: '2-digit', day: '2-digit' });
const luxembourgDay = (at: number) => Number(dayFormat.format(new Date(at)).replaceAll('-', ''));

const MEASURES = ['sent', 'unparsed', 'resolved_yes', 'resolved_no', ...Array.from({ length: 11 }, (_, i) => `s${i}`)];

/**
 * The aggregate table recomputed the naive way, straight from the surveys: every sent survey adds
 * to every combination of none, one or two dimensions.
 */
async function recompute(storage: Storage): Promise<Map<string, number[]>> {
  const rows = await storage.db
    .selectFrom('surveys as s')
    .innerJoin('survey_versions as v', 'v.id', 's.version_id')
    .leftJoin('survey_responses as r', 'r.survey_id', 's.id')
    .select(['s.team_id', 's.site_id', 's.channel', 's.segment', 's.language', 's.reason_code', 's.advisor_id', 's.contact_started_at', 's.status',
      'v.scale_min', 'v.scale_max', 'v.promoter_min', 'v.detractor_max', 'r.score', 'r.resolved'])
    .where('s.sent_at', 'is not', null)
    .execute();
  const table = new Map<string, number[]>();
  const combos: Dimension[][] = [[], ...DIMENSIONS.map((d) => [d]), ...DIMENSIONS.flatMap((a, i) => DIMENSIONS.slice(i + 1).map((b) => [a, b]))];
  // All and single dimensions per day and per month ('m:'), pairs per month (on the first day).
  const cells = (combo: Dimension[], day: number) => {
    const month = Math.floor(day / 100) * 100 + 1;
    return combo.length === 2 ? [[combo.join(','), month]] : [[combo.join(','), day], [`m:${combo.join(',')}`, month]];
  };
  for (const r of rows) {
    const value: Record<Dimension, string> = {
      team: r.team_id ?? '', site: r.site_id ?? '', channel: r.channel, segment: r.segment ?? '', language: r.language, reason: r.reason_code ?? '', advisor: r.advisor_id ?? '',
    };
    const measures = new Array(MEASURES.length).fill(0);
    measures[0] = 1;
    if (r.status === 'unparsed') measures[1] = 1;
    if (r.score !== null) {
      measures[4 + r.score] = 1;
      if (r.resolved === 1) measures[2] = 1;
      if (r.resolved === 0) measures[3] = 1;
    }
    const basis = `${r.scale_min}-${r.scale_max}/${r.promoter_min}/${r.detractor_max}`;
    for (const combo of combos) {
      for (const [dims, day] of cells(combo, luxembourgDay(Number(r.contact_started_at)))) {
        const id = [dims, value[combo[0]!] ?? '', day, combo[1] ? value[combo[1]] : '', basis].join('|');
        const sum = table.get(id) ?? new Array(MEASURES.length).fill(0);
        table.set(id, sum.map((x, i) => x + measures[i]));
      }
    }
  }
  return table;
}

async function aggregates(storage: Storage): Promise<Map<string, number[]>> {
  const rows = await storage.db.selectFrom('nps_counts').selectAll().execute();
  return new Map(rows.map((r) => [[r.dims, r.key1, r.day, r.key2, r.basis].join('|'), MEASURES.map((m) => Number(r[m as keyof typeof r]))]));
}

async function assertAggregatesMatch(storage: Storage) {
  const [expected, actual] = [await recompute(storage), await aggregates(storage)];
  assert.ok(expected.size > 100, `${expected.size} cells`);
  const wrong = [...new Set([...expected.keys(), ...actual.keys()])].filter((k) => String(expected.get(k)) !== String(actual.get(k)));
  assert.deepEqual(wrong.slice(0, 5).map((k) => [k, expected.get(k), actual.get(k)]), [], `${wrong.length} cells differ`);
}

/** contact_counts recomputed the naive way from the contacts (rows that went back to zero are left out). */
async function recomputeContacts(storage: Storage): Promise<Map<string, number[]>> {
  const rows = await storage.db
    .selectFrom('interactions as i')
    .innerJoin('parties as p', 'p.id', 'i.party_id')
    .leftJoin('accounts as a', 'a.id', 'i.account_id')
    .select(['i.party_id', 'i.team_id', 'i.site_id', 'i.channel', 'i.reason_code', 'i.advisor_id', 'i.started_at', 'i.resolved', 'i.repeat_of', 'i.next_contact_at', 'p.preferred_language', 'a.segment'])
    .execute();
  const business = new Set((await storage.db.selectFrom('accounts').select('party_id').where('segment', '=', 'business').execute()).map((a) => a.party_id));
  const table = new Map<string, number[]>();
  const combos: Dimension[][] = [[], ...DIMENSIONS.map((d) => [d]), ...DIMENSIONS.flatMap((a, i) => DIMENSIONS.slice(i + 1).map((b) => [a, b]))];
  // All and single dimensions per day and per month ('m:'), pairs per month (on the first day).
  const cells = (combo: Dimension[], day: number) => {
    const month = Math.floor(day / 100) * 100 + 1;
    return combo.length === 2 ? [[combo.join(','), month]] : [[combo.join(','), day], [`m:${combo.join(',')}`, month]];
  };
  for (const r of rows) {
    const value: Record<Dimension, string> = {
      team: r.team_id ?? '', site: r.site_id ?? '', channel: r.channel, segment: r.segment ?? (business.has(r.party_id) ? 'business' : 'residential'),
      language: r.preferred_language, reason: r.reason_code ?? '', advisor: r.advisor_id ?? '',
    };
    const measures = [1, r.resolved === 1 ? 1 : 0, r.repeat_of !== null ? 1 : 0, r.resolved === 1 && r.next_contact_at === null ? 1 : 0];
    for (const combo of combos) {
      for (const [dims, day] of cells(combo, luxembourgDay(Number(r.started_at)))) {
        const id = [dims, value[combo[0]!] ?? '', day, combo[1] ? value[combo[1]] : ''].join('|');
        const sum = table.get(id) ?? [0, 0, 0, 0];
        table.set(id, sum.map((x, i) => x + measures[i]!));
      }
    }
  }
  return table;
}

async function assertContactsMatch(storage: Storage) {
  const expected = await recomputeContacts(storage);
  const rows = await storage.db.selectFrom('contact_counts').selectAll().execute();
  const actual = new Map(
    rows.filter((r) => Number(r.contacts) !== 0 || Number(r.fcr) !== 0).map((r) => [[r.dims, r.key1, r.day, r.key2].join('|'), [r.contacts, r.resolved, r.repeats, r.fcr].map(Number)]),
  );
  const wrong = [...new Set([...expected.keys(), ...actual.keys()])].filter((k) => String(expected.get(k)) !== String(actual.get(k)));
  assert.deepEqual(wrong.slice(0, 5).map((k) => [k, expected.get(k), actual.get(k)]), [], `${wrong.length} contact cells differ`);
}

const QUERIES: (Omit<ReportQuery, 'minResponses'> & { expect: 'aggregates' | 'raw' })[] = [
  { from: 20251101, to: 20261120, interval: 'month', groupBy: ['team'], filters: {}, expect: 'aggregates' },
  { from: 20260101, to: 20261031, interval: 'quarter', groupBy: ['reason', 'segment'], filters: {}, expect: 'aggregates' },
  { from: 20251201, to: 20261031, interval: 'total', groupBy: ['advisor'], filters: { segment: 'business' }, expect: 'aggregates' },
  { from: 20251201, to: 20261031, interval: 'month', groupBy: ['channel', 'language'], filters: {}, expect: 'aggregates' },
  { from: 20260601, to: 20261120, interval: 'week', groupBy: ['advisor'], filters: {}, expect: 'aggregates' },
  { from: 20260901, to: 20261120, interval: 'rolling28', groupBy: [], filters: {}, expect: 'aggregates' },
  { from: 20260301, to: 20260331, interval: 'day', groupBy: ['language'], filters: {}, expect: 'aggregates' },
  { from: 20251201, to: 20261120, interval: 'total', groupBy: ['channel'], filters: { segment: 'residential' }, expect: 'raw' },
  { from: 20251115, to: 20261120, interval: 'year', groupBy: ['site', 'team'], filters: {}, expect: 'raw' },
  { from: 20260101, to: 20261031, interval: 'month', groupBy: ['team', 'reason'], filters: { language: 'fr' }, expect: 'raw' },
];

for (const engine of await testEngines()) {
  describe(`NPS aggregates on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
      await loadDemo(storage, { customers: 400, seed: 5, now: NOW });
      await loadDemoSurveys(storage, { seed: 5, now: NOW });
    });
    after(() => storage?.close());

    it('equal a raw recomputation after the demo history was loaded', async () => {
      await assertAggregatesMatch(storage);
    });

    it('stay equal as replies arrive: answers with comments, unparsed replies, a second basis', async () => {
      // A second NPS basis (0-10) for some sent surveys, then everything rebuilt from the surveys.
      const versionId = newId();
      const base = await storage.db.selectFrom('survey_versions').selectAll().executeTakeFirstOrThrow();
      await storage.db.insertInto('survey_versions').values({ ...base, id: versionId, version: 2, scale_min: 0, promoter_min: 9, detractor_max: 6 }).execute();
      const open = await storage.db.selectFrom('surveys').select(['id', 'msisdn']).where('status', '=', 'sent').orderBy('id').limit(40).execute();
      const second = open.slice(0, 20).map((s) => s.id);
      await storage.db.updateTable('surveys').set({ version_id: versionId }).where('id', 'in', second).execute();
      const { surveys } = await rebuildCounts(storage);
      assert.ok(surveys > 100);
      await assertAggregatesMatch(storage);

      // Replies through the live path: each survey reopened, answered or left unreadable twice.
      await storage.db.updateTable('surveys').set({ open_until: NOW + 86_400_000 }).where('id', 'in', open.map((s) => s.id)).execute();
      const seen = new Set<string>();
      for (const [i, s] of open.entries()) {
        if (seen.has(s.msisdn)) continue; // a number's reply goes to its latest survey
        seen.add(s.msisdn);
        const receivedAt = NOW + i * 1000;
        if (i % 4 === 3) {
          await handleInboundSms(storage.db, { from: s.msisdn, to: 'ECOUTE', text: 'quoi?', receivedAt });
          await handleInboundSms(storage.db, { from: s.msisdn, to: 'ECOUTE', text: 'hein??', receivedAt: receivedAt + 1 });
        } else {
          await handleInboundSms(storage.db, { from: s.msisdn, to: 'ECOUTE', text: `${i % 11} trop d'attente et facture fausse`, receivedAt });
        }
      }
      const unparsed = await storage.db.selectFrom('surveys').select('id').where('status', '=', 'unparsed').execute();
      assert.ok(unparsed.length > 0, 'some surveys closed as unparsed');
      await assertAggregatesMatch(storage);
    });

    it('count contacts as the contacts are recorded, completed, imported and become repeats', async () => {
      await assertContactsMatch(storage);
      const recent = await storage.db
        .selectFrom('interactions')
        .select(['id', 'party_id', 'reason_code', 'started_at', 'advisor_id'])
        .where('reason_code', 'is not', null)
        .where('started_at', '>', NOW - 5 * 86_400_000)
        .orderBy('started_at', 'desc')
        .limit(6)
        .execute();
      assert.ok(recent.length >= 3);
      // The customer comes back for the same reason: the earlier contact stops being an FCR.
      const [first, second, third] = recent as [typeof recent[number], typeof recent[number], typeof recent[number]];
      const { id } = await recordInteraction(storage.db, {
        externalId: 'again-1', partyId: first.party_id, channel: 'phone', direction: 'inbound', reasonCode: first.reason_code, startedAt: NOW - 3_600_000,
        endedAt: NOW - 3_000_000, advisorId: first.advisor_id, resolved: true,
      }, 7);
      const repeat = await storage.db.selectFrom('interactions').select('repeat_of').where('id', '=', id).executeTakeFirstOrThrow();
      assert.notEqual(repeat.repeat_of, null, 'a repeat contact');
      await recordContactDetails(storage.db, second.id, { resolved: false, reasonCode: 'roaming' }, 7);
      await updateInteractionEnd(storage.db, third.id, Number(third.started_at) - 3 * 86_400_000, Number(third.started_at) - 3 * 86_400_000 + 60_000);
      await assertContactsMatch(storage);
      const file = join(mkdtempSync(join(tmpdir(), 'ecoute-contacts-')), 'contacts.csv');
      const customer = await storage.db.selectFrom('parties').select('customer_number').where('id', '=', second.party_id).executeTakeFirstOrThrow();
      writeFileSync(file, `external_id,customer_number,channel,direction,reason,started_at,resolved\nimp-1,${customer.customer_number},email,inbound,roaming,2026-11-19T10:00:00+01:00,yes\n`);
      const report = await importInteractions(storage, { file, fcrWindowDays: 7 });
      assert.equal(report.imported, 1, JSON.stringify(report.errors));
      await assertContactsMatch(storage);
    });

    it('give the same report as the surveys read directly (and a report reads them when it must)', async () => {
      for (const { expect, ...q } of QUERIES) {
        const query = { ...q, minResponses: 30 };
        const fromAggregates = await npsReport(storage.db, query);
        const fromSurveys = await npsReport(storage.db, { ...query, source: 'raw' });
        assert.equal(fromAggregates.source, expect, `${q.interval} by ${q.groupBy.join(',')}`);
        assert.ok(fromAggregates.rows.length > 0, `${q.interval} by ${q.groupBy.join(',')}: rows`);
        assert.deepEqual(fromAggregates.rows, fromSurveys.rows, `${q.interval} by ${q.groupBy.join(',')}`);
      }
    });

    it('keeps both grouped dimensions when a filter makes a third (read from the surveys)', async () => {
      const query: ReportQuery = { from: 20260101, to: 20261031, interval: 'total', groupBy: ['team', 'reason'], filters: { language: 'fr' }, minResponses: 30 };
      const crossed = await npsReport(storage.db, query);
      assert.equal(crossed.source, 'raw');
      assert.ok(crossed.rows.some((r) => r.group.reason), 'reasons are kept');
      const byTeam = await npsReport(storage.db, { ...query, groupBy: ['team'] });
      assert.equal(byTeam.source, 'aggregates');
      for (const t of byTeam.rows) {
        const parts = crossed.rows.filter((r) => r.group.team === t.group.team && r.basis === t.basis);
        assert.equal(parts.reduce((sum, r) => sum + r.n, 0), t.n);
        assert.equal(parts.reduce((sum, r) => sum + r.sent, 0), t.sent);
      }
    });

    it('counts each figure once: NPS, shares and response rate of a month by team', async () => {
      const { rows } = await npsReport(storage.db, { from: 20260101, to: 20261031, interval: 'month', groupBy: ['team'], filters: {}, minResponses: 30 });
      for (const r of rows) {
        assert.equal(r.promoters + r.passives + r.detractors, r.n);
        if (r.n > 0) assert.ok(Math.abs(r.nps! - (100 * (r.promoters - r.detractors)) / r.n) < 1e-9);
        assert.ok(r.sent >= r.n + r.unparsed);
        if (r.reliable) assert.ok(r.ciLow! <= r.nps! + 1e-9 || r.ciLow! < r.ciHigh!);
        else assert.equal(r.rank, null);
      }
      // Each team against the other teams of the month together.
      const june = rows.filter((r) => r.period === '2026-06' && r.basis !== '');
      for (const r of june.filter((row) => row.n > 0)) {
        const others = june.filter((o) => o !== r && o.basis === r.basis);
        const rest = { promoters: 0, passives: 0, detractors: 0 };
        for (const o of others) {
          rest.promoters += o.promoters;
          rest.passives += o.passives;
          rest.detractors += o.detractors;
        }
        const expected = compare(r, rest, { minResponses: 30 })!;
        assert.deepEqual(r.versusRest, { difference: expected.difference, pValue: expected.pValue, significant: expected.significant });
        assert.ok(Math.abs(r.versusRest!.difference - (r.nps! - npsOf(rest)!)) < 1e-9);
      }
      const ranked = rows.filter((r) => r.period === '2026-06' && r.rank !== null).sort((a, b) => a.rank! - b.rank!);
      for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1]!.nps! >= ranked[i]!.nps!);
    });
  });
}
