import assert from 'node:assert/strict';
import { getPriority } from 'node:os';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { REPORT_THREAD_NICE } from '../config.js';

describe('report threads give way to the serving thread', { skip: process.platform !== 'linux' && 'a thread has a priority of its own on Linux only' }, () => {
  it('lowers the priority of the thread that calls it, not of the thread that serves requests', async () => {
    const before = getPriority(0);
    const moduleUrl = new URL('./thread-priority.ts', import.meta.url).href;
    // the same boot as ReportRunner's threads: TypeScript through tsx
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); })
      .then((m) => { m.giveWayToServing(); require('node:worker_threads').parentPort.postMessage(require('node:os').getPriority(0)); })`;
    const worker = new Worker(boot, { eval: true });
    const [threadPriority] = (await new Promise((resolve, reject) => {
      worker.once('message', (value) => resolve([value]));
      worker.once('error', reject);
    })) as [number];
    await worker.terminate();
    assert.equal(threadPriority, Math.max(before, REPORT_THREAD_NICE), 'the report thread runs at the lowest priority');
    assert.equal(getPriority(0), before, 'the serving thread keeps its priority');
  });
});
