import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import type { Storage } from '../storage/database.js';
import { Coalescer } from './coalesce.js';
import { enqueue, type Job } from './outbox.js';
import { Worker, type JobResult } from './worker.js';

describe('Coalescer', () => {
  it('writes what arrives together in one group, and the next arrivals in the following one', async () => {
    const groups: number[][] = [];
    const coalescer = new Coalescer<number>(async (items) => {
      groups.push(items);
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    const first = [1, 2, 3].map((n) => coalescer.add(n));
    await new Promise((resolve) => setTimeout(resolve, 1));
    const second = [4, 5].map((n) => coalescer.add(n)); // while the first group is being written
    await Promise.all([...first, ...second]);
    assert.deepEqual(groups, [[1, 2, 3], [4, 5]]);
  });

  it('writes a failed group again item by item: only the item at fault is rejected', async () => {
    const written: number[] = [];
    const coalescer = new Coalescer<number>(async (items) => {
      if (items.includes(13)) throw new Error('unlucky');
      written.push(...items);
    });
    const results = await Promise.allSettled([12, 13, 14].map((n) => coalescer.add(n)));
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(written, [12, 14]);
  });
});

for (const engine of await testEngines()) {
  describe(`Worker on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
    });
    after(async () => {
      await storage?.close();
    });

    it('hands a batch handler all its due jobs at once; a failing batch is run again job by job', async () => {
      for (const ref of ['a', 'b', 'bad', 'c']) await enqueue(storage.db, 'interaction.ended', ref, Date.now() - 1);
      const calls: string[][] = [];
      const batch = async (jobs: Job[]): Promise<JobResult[]> => {
        calls.push(jobs.map((j) => j.refId));
        if (jobs.some((j) => j.refId === 'bad')) throw new Error('bad row');
        return jobs.map(() => ({ done: true }));
      };
      const single = async (): Promise<JobResult> => ({ done: true });
      const logs: string[] = [];
      const worker = new Worker(storage, { 'interaction.ended': { batch }, 'survey.send': single, 'sms.send': single, 'privacy.retention': single, 'notification.send': single, 'complaint.acknowledged': single, 'complaint.answered': single, 'complaint.closed': single, 'followup.hot': single, 'followup.deadlines': single, 'complaint.rejected': single, 'complaint.deadlock': single, 'complaint.eight-weeks': single, 'attachment.blob-delete': single, 'sign-in.code': single, 'sign-in.email': single, 'plan-change.apply': single }, { log: (m) => logs.push(m) });
      assert.equal(await worker.runOnce(), 4);
      assert.deepEqual(calls, [['a', 'b', 'bad', 'c'], ['a'], ['b'], ['bad'], ['c']]);
      const jobs = await storage.db.selectFrom('outbox').select(['ref_id', 'done_at', 'last_error', 'attempts']).orderBy('id').execute();
      assert.deepEqual(
        jobs.map((j) => [j.ref_id, j.done_at !== null, j.last_error, j.attempts]),
        [
          ['a', true, null, 1],
          ['b', true, null, 1],
          ['bad', false, 'bad row', 1],
          ['c', true, null, 1],
        ],
      );
      assert.match(logs.join('\n'), /job interaction\.ended bad failed \(attempt 1\).*bad row/);
      assert.equal(await worker.runOnce(), 0, 'the failed job waits for its backoff');
    });
  });
}
