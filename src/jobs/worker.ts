import type { Storage } from '../storage/database.js';
import { backoffMs, claimJobs, completeJobs, retryJob, type Job, type Topic } from './outbox.js';

/** What a job handler answers: done, or run again at `retryAt` (0: the default backoff). */
export type JobResult = { done: true } | { done: false; retryAt: number; error: string };
export type JobHandler = (refId: string, job: Job) => Promise<JobResult>;
/** Runs many jobs of one topic at once (fewer round trips); answers one result per job, in order. */
export type BatchJobHandler = { batch: (jobs: Job[]) => Promise<JobResult[]> };

export interface WorkerOptions {
  /** jobs claimed at once and run side by side. Default 100. */
  batchSize?: number;
  /**
   * Batches in progress at once. Default 2: the next batch is claimed and prepared while the
   * previous one waits for the SMSC's acknowledgements.
   */
  lanes?: number;
  /** how long a claimed job is held before another worker may take it */
  leaseMs?: number;
  /** pause between polls when there was nothing to do */
  idleMs?: number;
  /** one line per failed job: topic, reference, error (never personal data) */
  log?: (message: string) => void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Drains the outbox: claims due jobs, runs each topic's handler, completes or reschedules them.
 * Several workers (processes) may run against PostgreSQL; each job has one holder at a time.
 */
export class Worker {
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  private readonly batchSize: number;
  private readonly lanes: number;
  private readonly leaseMs: number;
  private readonly idleMs: number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly storage: Storage,
    private readonly handlers: Record<Topic, JobHandler | BatchJobHandler>,
    options: WorkerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.lanes = Math.max(1, options.lanes ?? 2);
    this.leaseMs = options.leaseMs ?? 60_000;
    this.idleMs = options.idleMs ?? 500;
    this.log = options.log ?? ((message) => console.error(message));
  }

  /** Runs one batch; returns how many jobs it took. */
  async runOnce(now = Date.now()): Promise<number> {
    const jobs = await claimJobs(this.storage, this.batchSize, this.leaseMs, now);
    if (jobs.length === 0) return 0;
    const byTopic = new Map<Topic, Job[]>();
    for (const job of jobs) byTopic.set(job.topic, [...(byTopic.get(job.topic) ?? []), job]);
    const results = new Map<Job, JobResult>();
    await Promise.all(
      [...byTopic].map(async ([topic, group]) => {
        const outcomes = await this.runTopic(this.handlers[topic], group);
        group.forEach((job, i) => results.set(job, outcomes[i]!));
      }),
    );
    const { db } = this.storage;
    await completeJobs(db, jobs.filter((job) => results.get(job)!.done).map((job) => job.id));
    for (const job of jobs) {
      const result = results.get(job)!;
      if (result.done) continue;
      const retryAt = result.retryAt > 0 ? result.retryAt : Date.now() + backoffMs(job.attempts);
      if (result.retryAt === 0) this.log(`job ${job.topic} ${job.refId} failed (attempt ${job.attempts}), retry at ${new Date(retryAt).toISOString()}: ${result.error}`);
      await retryJob(db, job.id, result.error, retryAt);
    }
    return jobs.length;
  }

  /** Runs a topic's jobs; a failing batch is run again job by job, so that an error stays with its job. */
  private async runTopic(handler: JobHandler | BatchJobHandler, jobs: Job[]): Promise<JobResult[]> {
    const failed = (error: unknown): JobResult => ({ done: false, retryAt: 0, error: messageOf(error) });
    if (typeof handler === 'function') {
      return Promise.all(jobs.map((job) => handler(job.refId, job).catch(failed)));
    }
    try {
      return await handler.batch(jobs);
    } catch (error) {
      if (jobs.length === 1) return [failed(error)];
      return Promise.all(jobs.map((job) => handler.batch([job]).then((r) => r[0]!, failed)));
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = Array.from({ length: this.lanes }, () => this.lane());
  }

  private async lane(): Promise<void> {
    while (this.running) {
      let taken = 0;
      try {
        taken = await this.runOnce();
      } catch (error) {
        this.log(`worker: ${messageOf(error)}`);
      }
      if (taken === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            this.sleepers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, this.idleMs);
          this.sleepers.add(wake);
        });
      }
    }
  }

  /** Asks for a poll now (something was just enqueued). */
  poke(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  /** Finishes the jobs in hand, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await Promise.all(this.loops);
  }
}
