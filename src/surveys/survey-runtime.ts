import { Worker, type WorkerOptions } from '../jobs/worker.js';
import type { SmsGateway } from '../sms/gateway.js';
import type { Storage } from '../storage/database.js';
import { decideSurvey, sendQueuedSms, sendSurvey } from './survey-dispatch.js';
import { handleReceipt } from './sms-receipts.js';
import { handleInboundSms } from './survey-replies.js';

export interface SurveyRuntime {
  worker: Worker;
  stop(): Promise<void>;
}

/**
 * The survey loop in a process: the worker that decides and sends, and the gateway's receipts and
 * replies feeding back into storage. The gateway must not be started yet (handlers come first).
 */
export async function startSurveyRuntime(options: {
  storage: Storage;
  gateway: SmsGateway;
  senderId: string;
  worker?: WorkerOptions;
}): Promise<SurveyRuntime> {
  const { storage, gateway } = options;
  const send = { db: storage.db, gateway, senderId: options.senderId };
  const worker = new Worker(
    storage,
    {
      'interaction.ended': (id) => decideSurvey(storage.db, id),
      'survey.send': (id) => sendSurvey(send, id),
      'sms.send': (id) => sendQueuedSms(send, id),
    },
    options.worker,
  );
  gateway.onReceipt((receipt) => handleReceipt(storage.db, receipt));
  gateway.onInbound(async (sms) => {
    await handleInboundSms(storage.db, sms);
    worker.poke();
  });
  worker.start();
  // A gateway that cannot connect yet keeps retrying in the background; surveys wait in the outbox.
  await gateway.start().catch((error: Error) => console.error(`SMS gateway ${gateway.name}: ${error.message}`));
  return {
    worker,
    stop: async () => {
      await worker.stop();
      await gateway.close();
    },
  };
}
