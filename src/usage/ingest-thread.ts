/**
 * The usage ingestion thread (started by UsageIngestRunner, ingest-runner.ts): reads and counts the
 * bodies of `POST /api/v1/usage/events` on a SQLite connection of its own, kept open with its lines'
 * terms in memory, so that the serving thread goes on answering while a batch is counted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../shared/errors.js';
import { openStorage, type StorageOptions } from '../storage/database.js';
import type { IngestJob, IngestAnswer } from './ingest-runner.js';
import { ingestUsageBody } from './usage-body.js';

const port = parentPort;
if (!port) throw new Error('ingest-thread.ts runs only in a worker thread started by UsageIngestRunner');
const { location } = workerData as { location: StorageOptions };
// the serving connection checkpoints the WAL from its own thread (`ecoute serve`)
const storage = openStorage(location, { existing: true, checkpointsElsewhere: true });

port.on('message', async (job: IngestJob | 'close') => {
  if (job === 'close') {
    await storage.close().catch(() => undefined);
    port.close();
    return;
  }
  let answer: IngestAnswer;
  try {
    const report = await ingestUsageBody(storage, new TextDecoder().decode(job.body), job.contentType, { skipInvalid: job.skipInvalid });
    // the counters are this thread's business (its alerts): not copied back
    answer = { id: job.id, value: { ...report, counters: [] } };
  } catch (error) {
    answer = {
      id: job.id,
      error: error instanceof DomainError
        ? { message: error.message, domain: { status: error.status, code: error.code, fields: error.fields, params: error.params } }
        : { message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined },
    };
  }
  port.postMessage(answer);
});
