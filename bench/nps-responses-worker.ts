/**
 * Worker thread of the NPS bench's ingestion: makes the response batches (bench/nps-responses.ts)
 * from its own connection to the database file and posts them to the writer, at most `ahead`
 * batches before the writer has taken them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../src/storage/database.js';
import { ResponseProducer, type ProducerSettings, type ResponseBatch, type ProducerTiming } from './nps-responses.js';

export interface WorkerInput {
  file: string;
  settings: ProducerSettings;
  ahead: number;
}

export type WorkerMessage = { kind: 'batch'; batch: ResponseBatch } | { kind: 'done'; timing: ProducerTiming };

const port = parentPort!;
const { file, settings, ahead } = workerData as WorkerInput;
const storage = openSqlite(file);
const producer = await ResponseProducer.open(storage, settings);
let credits = ahead;
let wake: (() => void) | undefined;
port.on('message', () => {
  credits++;
  wake?.();
});
for (let batch = producer.next(); batch; batch = producer.next()) {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
  port.postMessage({ kind: 'batch', batch } satisfies WorkerMessage);
}
port.postMessage({ kind: 'done', timing: producer.timing } satisfies WorkerMessage);
await storage.close();
port.close();
