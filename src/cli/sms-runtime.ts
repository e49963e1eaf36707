import { randomBytes } from 'node:crypto';
import { consoleLogger, createSmsGateway, HttpGateway, silentLogger, smsSettingsFromEnv, SmppGateway, type SmsGateway } from '../sms/index.js';
import { startSmscSimulator, type SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import type { Config } from '../config.js';
import type { WorkerOptions } from '../jobs/worker.js';
import { followupAlertHandler } from '../followups/followup-alerts.js';
import { followupDeadlinesHandler, scheduleFollowupDeadlines } from '../followups/followup-escalation.js';
import type { LiveHub } from '../http/live-hub.js';
import { retentionHandler, scheduleRetention } from '../privacy/retention.js';
import type { Storage } from '../storage/database.js';
import { startSurveyRuntime, type SurveyRuntime } from '../surveys/survey-runtime.js';

export interface SmsRuntime {
  surveys: SurveyRuntime;
  /** the in-process SMSC simulator when no SMSC is configured (development and demo) */
  simulator: SmscSimulator | undefined;
  /** the HTTP provider gateway, whose webhook the server must mount */
  httpGateway: HttpGateway | undefined;
  /** how SMS leave, for the start-up line (no secrets) */
  description: string;
  stop(): Promise<void>;
}

/**
 * Starts the survey worker and the SMS gateway configured by ECOUTE_SMSC_URL (docs/sms.md). When it
 * is unset, an SMSC simulator runs in this process on a free port of 127.0.0.1 and the gateway talks
 * real SMPP to it, so development exercises the production path.
 */
export async function startSmsRuntime(
  storage: Storage,
  options: {
    worker?: WorkerOptions;
    /**
     * the process's settings: with them, the worker also runs the daily retention purge (docs/privacy.md),
     * the follow-ups' hot alerts and the hourly escalation of missed deadlines (docs/followups.md)
     */
    config?: Config;
    /** the consoles' live hub of this process (`ecoute serve`): hot follow-ups and escalations are pushed through it */
    live?: LiveHub;
  } = {},
): Promise<SmsRuntime> {
  const settings = smsSettingsFromEnv();
  let simulator: SmscSimulator | undefined;
  let gateway: SmsGateway | null = createSmsGateway(settings, consoleLogger);
  let description = settings.url ? `SMSC ${settings.url.replace(/:[^:@/]*@/, ':***@')}` : '';
  if (!gateway) {
    const password = randomBytes(6).toString('hex');
    simulator = await startSmscSimulator({ host: '127.0.0.1', port: 0, systemId: 'ecoute', password, logger: silentLogger });
    gateway = new SmppGateway({
      url: `smpp://ecoute:${password}@127.0.0.1:${simulator.listeningPort}`,
      window: settings.window,
      ratePerSecond: settings.ratePerSecond,
      logger: silentLogger,
    });
    description = 'SMSC simulator in this process';
  }
  const config = options.config;
  if (config) {
    await scheduleRetention(storage.db);
    await scheduleFollowupDeadlines(storage.db);
  }
  const surveys = await startSurveyRuntime({
    storage,
    gateway,
    senderId: settings.senderId,
    autoRepliesPerDay: settings.autoRepliesPerDay,
    ...(options.worker ? { worker: options.worker } : {}),
    ...(config
      ? {
          numberKey: config.privacySecret,
          handlers: {
            'privacy.retention': retentionHandler(storage.db, config.retention),
            'followup.hot': followupAlertHandler(storage.db, options.live),
            'followup.deadlines': followupDeadlinesHandler(storage.db, { live: options.live }),
          },
        }
      : {}),
  });
  return {
    surveys,
    simulator,
    httpGateway: gateway instanceof HttpGateway ? gateway : undefined,
    description,
    stop: async () => {
      await surveys.stop();
      await simulator?.close();
    },
  };
}
