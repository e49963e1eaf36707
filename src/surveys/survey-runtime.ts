import { loadConfig } from '../config.js';
import { Coalescer } from '../jobs/coalesce.js';
import type { Topic } from '../jobs/outbox.js';
import { Worker, type BatchJobHandler, type JobHandler, type WorkerOptions } from '../jobs/worker.js';
import type { DeliveryReceipt, SmsGateway } from '../sms/gateway.js';
import type { Storage } from '../storage/database.js';
import { handleReceipts } from '../notifications/sms-receipts.js';
import { recordSubmitted, sendQueuedSms, type Submitted } from '../notifications/sms-submission.js';
import { askComplaintSatisfaction } from './complaint-satisfaction.js';
import { decideSurveys } from './survey-decisions.js';
import { handleInboundSms } from './survey-replies.js';
import { markSurveysSent, sendSurveys, type SurveySent } from './survey-sending.js';

type SurveyTopic = 'interaction.ended' | 'survey.send' | 'sms.send' | 'complaint.closed';

/** A topic this process was given no handler for: left to a process that has one, looked at again in an hour. */
const notHere: JobHandler = async () => ({ done: false, retryAt: Date.now() + 3_600_000, error: 'no handler for this topic in this process' });

export interface SurveyRuntime {
  worker: Worker;
  /** the transport, for its status (connected, last error) */
  gateway: SmsGateway;
  stop(): Promise<void>;
}

/**
 * The survey loop in a process: the worker that decides and sends, and the gateway's receipts and
 * replies feeding back into storage. The gateway must not be started yet (handlers come first).
 * Decisions and sends run a batch of jobs at a time; acknowledgements and receipts, which arrive
 * one by one, are written in shared transactions (Coalescer), each acknowledged to its caller once
 * committed.
 */
export async function startSurveyRuntime(options: {
  storage: Storage;
  gateway: SmsGateway;
  senderId: string;
  worker?: WorkerOptions;
  /** key of the hash an erased customer's opt-out is kept as; default: ECOUTE_PRIVACY_SECRET */
  numberKey?: string;
  /** the worker's handlers of the topics that are not the surveys' (the daily retention purge, the notifications, the follow-ups' alerts and deadlines) */
  handlers?: Partial<Record<Exclude<Topic, SurveyTopic>, JobHandler | BatchJobHandler>>;
  /** automatic SMS (confirmations, thanks, clarifications) to one number in any 24 hours at most; default 3 */
  autoRepliesPerDay?: number;
}): Promise<SurveyRuntime> {
  const { storage, gateway } = options;
  const numberKey = options.numberKey ?? loadConfig().privacySecret;
  const submitted = new Coalescer<Submitted<SurveySent>>((items) => recordSubmitted(storage.db, items, markSurveysSent));
  const receipts = new Coalescer<DeliveryReceipt>((items) => handleReceipts(storage.db, items));
  const send = { db: storage.db, gateway, senderId: options.senderId, numberKey, submitted, onSubmitted: markSurveysSent };
  const worker = new Worker(
    storage,
    {
      'privacy.retention': notHere,
      'notification.send': notHere,
      'complaint.acknowledged': notHere,
      'complaint.answered': notHere,
      'complaint.rejected': notHere,
      'followup.hot': notHere,
      'followup.deadlines': notHere,
      'complaint.deadlock': notHere,
      'complaint.eight-weeks': notHere,
      'attachment.blob-delete': notHere,
      'sign-in.code': notHere,
      'sign-in.email': notHere,
      'plan-change.apply': notHere,
      ...options.handlers,
      'interaction.ended': { batch: (jobs) => decideSurveys(storage.db, jobs.map((job) => job.refId), numberKey) },
      'survey.send': { batch: (jobs) => sendSurveys(send, jobs.map((job) => job.refId)) },
      'sms.send': (id) => sendQueuedSms(send, id),
      // A closed complaint: the satisfaction survey about its handling (docs/complaints.md, "After closure").
      'complaint.closed': (eventId) => askComplaintSatisfaction(storage.db, eventId, { numberKey }),
    },
    options.worker,
  );
  gateway.onReceipt((receipt) => receipts.add(receipt));
  gateway.onInbound(async (sms) => {
    await handleInboundSms(storage.db, sms, { numberKey, ...(options.autoRepliesPerDay === undefined ? {} : { autoRepliesPerDay: options.autoRepliesPerDay }) });
    worker.poke();
  });
  worker.start();
  // A gateway that cannot connect yet keeps retrying in the background; surveys wait in the outbox.
  await gateway.start().catch((error: Error) => console.error(`SMS gateway ${gateway.name}: ${error.message}`));
  return {
    worker,
    gateway,
    stop: async () => {
      await worker.stop();
      await gateway.close();
    },
  };
}
