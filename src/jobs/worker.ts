import type { Storage } from '../storage/database.js';
import { backoffMs, claimJobs, completeJob, retryJob, type Job, type Topic } from './outbox.js';

/** What a job handler answers: done, or run again at `retryAt` (0: the default backoff). */
export type JobResult = { done: true } | { done: false; retryAt: number; error: string };
export type JobHandler = (refId: string, job: Job) => Promise<JobResult>;

export interface WorkerOptions {
  /** jobs claimed at once and run side by side */
  batchSize?: number;
  /** how long a claimed job is held before another worker may take it */
  leaseMs?: number;
  /** pause between polls when there was nothing to do */
  idleMs?: number;
  /** one line per failed job: topic, reference, error (never personal data) */
  log?: (message: string) => void;
}

/**
 * Drains the outbox: claims due jobs, runs each topic's handler, completes or reschedules them.
 * Several workers (processes) may run against PostgreSQL; each job has one holder at a time.
 */
export class Worker {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly idleMs: number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly storage: Storage,
    private readonly handlers: Record<Topic, JobHandler>,
    options: WorkerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 50;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.idleMs = options.idleMs ?? 500;
    this.log = options.log ?? ((message) => console.error(message));
  }

  /** Runs one batch; returns how many jobs it took. */
  async runOnce(now = Date.now()): Promise<number> {
    const jobs = await claimJobs(this.storage, this.batchSize, this.leaseMs, now);
    await Promise.all(jobs.map((job) => this.run(job)));
    return jobs.length;
  }

  private async run(job: Job): Promise<void> {
    const { db } = this.storage;
    let result: JobResult;
    try {
      result = await this.handlers[job.topic](job.refId, job);
    } catch (error) {
      result = { done: false, retryAt: 0, error: error instanceof Error ? error.message : String(error) };
    }
    if (result.done) {
      await completeJob(db, job.id);
      return;
    }
    const retryAt = result.retryAt > 0 ? result.retryAt : Date.now() + backoffMs(job.attempts);
    if (result.retryAt === 0) this.log(`job ${job.topic} ${job.refId} failed (attempt ${job.attempts}), retry at ${new Date(retryAt).toISOString()}: ${result.error}`);
    await retryJob(db, job.id, result.error, retryAt);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let taken = 0;
        try {
          taken = await this.runOnce();
        } catch (error) {
          this.log(`worker: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (taken === 0 && this.running) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.idleMs);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wake = undefined;
        }
      }
    })();
  }

  /** Asks for a poll now (something was just enqueued). */
  poke(): void {
    this.wake?.();
  }

  /** Finishes the jobs in hand, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }
}
