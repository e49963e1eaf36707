import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DomainError } from '../shared/errors.js';
import { openSqlite, type Storage } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrator.js';
import { npsReport, type ReportQuery } from './nps-report.js';
import { ReportRunner } from './report-runner.js';

const QUERY: ReportQuery = { from: 20260101, to: 20261231, interval: 'month', groupBy: ['team'], filters: {}, minResponses: 30 };

describe('report threads and the database they open', () => {
  let dir: string;
  let storage: Storage;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ecoute-report-runner-'));
    storage = openSqlite(join(dir, 'ecoute.sqlite'));
    await migrateToLatest(storage);
  });
  after(async () => {
    await storage?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a report from a thread of its own', async () => {
    const runner = new ReportRunner(storage, { budgetMs: 30_000, threads: 1 });
    try {
      assert.deepEqual(await runner.run('report', QUERY), await npsReport(storage.db, QUERY), 'the same report as computed in this thread');
    } finally {
      await runner.close();
    }
  });

  it('once closed, ends the task under way, the tasks waiting and any asked for later with a 503 shutting-down', async () => {
    const runner = new ReportRunner(storage, { budgetMs: 30_000, threads: 1 });
    const asked = Promise.allSettled([runner.run('report', QUERY), runner.run('report', { ...QUERY, interval: 'week' })]);
    await runner.close();
    const codes = (await asked).map((r) => (r.status === 'rejected' && r.reason instanceof DomainError ? `${r.reason.status} ${r.reason.code}` : r.status));
    assert.deepEqual(codes, ['503 shutting-down', '503 shutting-down'], 'the task under way and the one waiting');
    await assert.rejects(runner.run('report', QUERY), (error) => error instanceof DomainError && error.code === 'shutting-down');
  });

  it('never creates a database where the server’s is gone: the task fails and no file appears', async () => {
    const gone = join(dir, 'removed', 'ecoute.sqlite');
    const elsewhere = { ...storage, location: { sqlitePath: gone } };
    const runner = new ReportRunner(elsewhere, { budgetMs: 30_000, threads: 1 });
    try {
      await assert.rejects(runner.run('report', QUERY), /unable to open database file|directory does not exist/);
      assert.equal(existsSync(gone), false);
      assert.equal(existsSync(join(dir, 'removed')), false, 'nor its folder');
    } finally {
      await runner.close();
    }
  });
});
