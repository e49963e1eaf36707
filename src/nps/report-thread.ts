/**
 * A report thread (started by ReportRunner): runs one report task at a time on a connection of its
 * own, opened for the task and closed after it, so an idle thread holds nothing of the database.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../shared/errors.js';
import { openStorage, type StorageOptions } from '../storage/database.js';
import { REPORT_TASKS, type ReportAnswer, type ReportJob, type ThreadError } from './report-tasks.js';

const port = parentPort;
if (!port) throw new Error('report-thread.ts runs only in a worker thread started by ReportRunner');
const location = (workerData as { location: StorageOptions }).location;


function errorOf(error: unknown): ThreadError {
  if (error instanceof DomainError) {
    return { message: error.message, domain: { status: error.status, code: error.code, fields: error.fields, params: error.params } };
  }
  return error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
}

port.on('message', async (job: ReportJob) => {
  let storage: ReturnType<typeof openStorage> | undefined;
  let answer: ReportAnswer;
  try {
    storage = openStorage(location, { existing: true });
    const task = REPORT_TASKS[job.task] as (...args: unknown[]) => Promise<unknown>;
    answer = { id: job.id, value: await task(storage.db, ...job.args) };
  } catch (error) {
    answer = { id: job.id, error: errorOf(error) };
  }
  await storage?.close().catch(() => undefined);
  // Bytes (a report's document) move to the serving thread without a copy, when they fill their buffer alone.
  const bytes = 'value' in answer && answer.value instanceof Uint8Array ? answer.value : undefined;
  const whole = bytes && bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  port.postMessage(answer, whole ? [bytes.buffer as ArrayBuffer] : []);
});
