import { Worker } from 'node:worker_threads';
import { DomainError, type FieldIssue, type IssueParams } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import type { IngestReport } from './usage-ingest.js';
import { ingestUsageBody } from './usage-body.js';

/**
 * Counts the bodies of `POST /api/v1/usage/events` off the serving thread (docs/self-service.md,
 * "Usage sources"). On SQLite a batch is counted by synchronous statements: 10,000 events hold the
 * thread that runs them for a fifth of a second or more, and every request arriving meanwhile (a
 * customer's consumption page) would wait that long. So the body goes to one worker thread with a
 * SQLite connection of its own (WAL: the serving connection reads meanwhile), which reads, checks and
 * counts it exactly as in the process, and answers the report (or the refusal). The thread runs at a
 * lower priority (nice `INGEST_THREAD_NICE`, Linux): on a busy host the pages people wait for get the
 * CPU first, ingestion what is left. Batches are counted one after the other (one writer). Without a
 * database another connection can reach (SQLite in memory) or on PostgreSQL (whose statements do not
 * hold the thread), the body is counted in the process.
 */
export const INGEST_THREAD_NICE = 10;

export interface IngestJob {
  id: number;
  /** the request's body, UTF-8: moved to the thread without a copy, read there (no string of it in the serving thread's heap) */
  body: ArrayBuffer;
  contentType: 'application/json' | 'application/x-ndjson';
  skipInvalid: boolean;
}

export type IngestAnswer =
  | { id: number; value: IngestReport }
  | { id: number; error: { message: string; stack?: string | undefined; domain?: { status: number; code: string; fields: FieldIssue[]; params: IssueParams | undefined } } };

export class UsageIngestRunner {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve: (report: IngestReport) => void; reject: (error: unknown) => void }>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly storage: Storage) {}

  ingest(body: ArrayBuffer, contentType: IngestJob['contentType'], options: { skipInvalid: boolean }): Promise<IngestReport> {
    if (this.closed) return Promise.reject(new DomainError(503, 'shutting-down', 'Ecoute is restarting: try again in a moment.'));
    if (!this.storage.capabilities.singleWriter || !this.storage.location) return ingestUsageBody(this.storage, new TextDecoder().decode(body), contentType, options);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { resolve, reject });
      this.thread().postMessage({ id, body, contentType, skipInvalid: options.skipInvalid } satisfies IngestJob, [body]);
    });
  }

  /** Ends the thread once the batches it counts are answered; batches asked for later are refused (503). */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    while (this.waiting.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // held by nothing while it runs (it must not keep a process alive); held while it stops
    worker.ref();
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('close');
    await exited;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const moduleUrl = new URL(`./ingest-thread${extension}`, import.meta.url).href;
    // In development and tests the modules are TypeScript run through tsx: the thread registers it first.
    const boot = moduleUrl.endsWith('.ts')
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); })`
      : `import(${JSON.stringify(moduleUrl)})`;
    const worker = new Worker(`${lowerThisThread}\n${boot}`, { eval: true, workerData: { location: this.storage.location } });
    worker.unref();
    worker.on('message', (answer: IngestAnswer) => {
      const pending = this.waiting.get(answer.id);
      if (!pending) return;
      this.waiting.delete(answer.id);
      if ('value' in answer) pending.resolve(answer.value);
      else pending.reject(rebuild(answer.error));
    });
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      // what it was counting may or may not be committed: the sender is told it failed and sends it again (counted once)
      for (const pending of this.waiting.values()) pending.reject(error);
      this.waiting.clear();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`usage ingestion thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

/** On Linux a thread has a nice value of its own: the thread lowers its own before it loads anything. */
const lowerThisThread = `try { if (process.platform === 'linux') require('node:os').setPriority(0, ${INGEST_THREAD_NICE}); } catch {}`;

function rebuild(error: Extract<IngestAnswer, { error: unknown }>['error']): Error {
  if (error.domain) {
    const { status, code, fields, params } = error.domain;
    return new DomainError(status as DomainError['status'], code, error.message, fields, params);
  }
  const rebuilt = new Error(error.message);
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}
