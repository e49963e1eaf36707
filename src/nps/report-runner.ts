import { Worker } from 'node:worker_threads';
import { DomainError } from '../shared/errors.js';
import { REPORT_THREAD_NICE } from '../config.js';
import type { Storage } from '../storage/database.js';
import { REPORT_TASKS, type ReportAnswer, type ReportJob, type ReportTask, type TaskArgs, type TaskResult, type ThreadError } from './report-tasks.js';

/**
 * Runs the NPS reads that can take long off the event loop, within a time budget. Each task goes to
 * a worker thread (at most `threads` at once, the others wait their turn) that opens a connection of
 * its own: on SQLite, whose queries run synchronously, a scan of a year of surveys would otherwise
 * hold every other request for its whole length. A task not answered within `budgetMs` of its
 * arrival, waiting included, ends in a 503 problem `report-timeout`; its thread is stopped and the
 * next task gets a new one. A thread idle for `idleMs` ends. Without a database another connection
 * can reach (SQLite in memory) the tasks run in the process, the budget still bounding the wait.
 */
export class ReportRunner {
  private readonly idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];
  private readonly queue: Pending[] = [];
  /** the task each busy thread runs */
  private readonly owners = new Map<Worker, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly storage: Storage,
    private readonly options: { budgetMs: number; threads: number; idleMs?: number; nice?: number },
  ) {}

  run<K extends ReportTask>(task: K, ...args: TaskArgs<K>): Promise<TaskResult<K>> {
    return new Promise<unknown>((resolve, reject) => {
      const pending: Pending = { job: { id: this.nextId++, task, args }, resolve, reject, worker: undefined, timer: undefined };
      if (this.closed) {
        reject(closing());
        return;
      }
      pending.timer = setTimeout(() => this.expire(pending), this.options.budgetMs);
      if (!this.storage.location) {
        const direct = REPORT_TASKS[task] as (...all: unknown[]) => Promise<unknown>;
        direct(this.storage.db, ...args).then(
          (value) => this.settle(pending, () => resolve(value)),
          (error: unknown) => this.settle(pending, () => reject(error)),
        );
        return;
      }
      this.queue.push(pending);
      this.pump();
    }) as Promise<TaskResult<K>>;
  }

  /**
   * Stops every thread. The tasks under way or waiting, and any asked for later, end in a 503 problem
   * `shutting-down`: no thread opens the database once the server has closed it.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of [...this.queue.splice(0), ...this.owners.values()]) this.settle(pending, () => pending.reject(closing()));
    const workers = [...this.idle.splice(0).map(({ worker, timer }) => (clearTimeout(timer), worker)), ...this.owners.keys()];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0 && this.owners.size < this.options.threads) {
      const pending = this.queue.shift()!;
      const spare = this.idle.pop();
      if (spare) clearTimeout(spare.timer);
      const worker = spare?.worker ?? this.spawn();
      this.owners.set(worker, pending);
      pending.worker = worker;
      worker.postMessage(pending.job);
    }
  }

  private answered(worker: Worker, answer: ReportAnswer): void {
    const pending = this.owners.get(worker);
    if (!pending || pending.job.id !== answer.id) return;
    this.owners.delete(worker);
    pending.worker = undefined;
    this.settle(pending, () => ('error' in answer ? pending.reject(rebuild(answer.error)) : pending.resolve(answer.value)));
    this.rest(worker);
    this.pump();
  }

  private spawn(): Worker {
    const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const moduleUrl = new URL(`./report-thread${extension}`, import.meta.url).href;
    const priorityUrl = new URL(`./thread-priority${extension}`, import.meta.url).href;
    // The thread gives way to the serving thread before it loads anything else (loading the report's
    // modules is a few hundred milliseconds of CPU). In development and tests the modules are
    // TypeScript run through tsx: the thread registers it first.
    const load = `import(${JSON.stringify(priorityUrl)}).then((p) => { p.giveWayToServing(${this.options.nice ?? REPORT_THREAD_NICE}); return import(${JSON.stringify(moduleUrl)}); })`;
    const boot = moduleUrl.endsWith('.ts')
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return ${load}; })`
      : load;
    const worker = new Worker(boot, { eval: true, workerData: { location: this.storage.location } });
    // A thread never keeps the process alive: a request waiting for it does.
    worker.unref();
    worker.on('message', (answer: ReportAnswer) => this.answered(worker, answer));
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`report thread stopped (exit code ${code})`)));
    return worker;
  }

  /** A thread that failed or ended: its task (if any) fails, the queue goes on with another thread. */
  private lost(worker: Worker, error: Error): void {
    const index = this.idle.findIndex((i) => i.worker === worker);
    if (index >= 0) clearTimeout(this.idle.splice(index, 1)[0]!.timer);
    const owner = this.owners.get(worker);
    if (!owner) return;
    this.owners.delete(worker);
    owner.worker = undefined;
    this.settle(owner, () => owner.reject(error));
    this.pump();
  }

  private rest(worker: Worker): void {
    const timer = setTimeout(() => {
      const index = this.idle.findIndex((i) => i.worker === worker);
      if (index >= 0) this.idle.splice(index, 1);
      void worker.terminate();
    }, this.options.idleMs ?? 10_000);
    timer.unref();
    this.idle.push({ worker, timer });
  }

  private expire(pending: Pending): void {
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) this.queue.splice(queued, 1);
    const worker = pending.worker;
    if (worker) {
      // Its answer will never be read: stop the thread (a statement under way ends first) and let the queue use a new one.
      pending.worker = undefined;
      this.owners.delete(worker);
      worker.removeAllListeners();
      worker.on('error', () => undefined);
      void worker.terminate();
      this.pump();
    }
    const seconds = Math.round(this.options.budgetMs / 100) / 10;
    pending.timer = undefined;
    pending.reject(
      new DomainError(
        503, 'report-timeout',
        `The report took longer than ${seconds} s and was stopped. Choose a shorter range, a longer interval or fewer groups, or try again in a moment.`,
        [], { seconds },
      ),
    );
  }

  /** Ends a task once: an answer after its time is up is dropped. */
  private settle(pending: Pending, done: () => void): void {
    if (pending.timer === undefined) return;
    clearTimeout(pending.timer);
    pending.timer = undefined;
    done();
  }
}

interface Pending {
  job: ReportJob;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** the thread running it, once it runs */
  worker: Worker | undefined;
  timer: NodeJS.Timeout | undefined;
}

function closing(): DomainError {
  return new DomainError(503, 'shutting-down', 'Ecoute is restarting: try again in a moment.');
}

function rebuild(error: ThreadError): Error {
  if (error.domain) {
    const { status, code, fields, params } = error.domain;
    return new DomainError(status as DomainError['status'], code, error.message, fields, params);
  }
  const rebuilt = new Error(error.message);
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}
