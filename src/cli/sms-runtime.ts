import { signInCodeHandler } from '../self-service/sign-in-sms.js';
import { signInEmailHandler } from '../self-service/sign-in-email-sending.js';
import { randomBytes } from 'node:crypto';
import { consoleLogger, createSmsGateway, HttpGateway, silentLogger, smsSettingsFromEnv, SmppGateway, type SmsGateway } from '../sms/index.js';
import { startSmscSimulator, type SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import { DEMO_MAIL_FROM, loadConfig, type Config } from '../config.js';
import type { WorkerOptions } from '../jobs/worker.js';
import { followupAlertHandler } from '../followups/followup-alerts.js';
import { followupDeadlinesHandler, scheduleFollowupDeadlines } from '../followups/followup-escalation.js';
import type { LiveHub } from '../http/live-hub.js';
import type { EmailTransport } from '../mail/email-transport.js';
import { startMailCatcher, type MailCatcher } from '../mail/mail-catcher.js';
import { SmtpTransport } from '../mail/smtp-transport.js';
import { openBlobStore } from '../blobs/open-blob-store.js';
import { attachmentBlobHandler } from '../complaints/attachment-blobs.js';
import { complaintMessageHandlers, scheduleEightWeeks } from '../complaints/complaint-messages.js';
import { classRules, type ClassRules, type MessageClass } from '../notifications/message-classes.js';
import { notificationHandler } from '../notifications/notification-sending.js';
import { retentionHandler, scheduleRetention } from '../privacy/retention.js';
import { planChangeHandler } from '../usage/plan-change-apply.js';
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
  /** the local mail catcher e-mails go to in demo mode without ECOUTE_SMTP_URL */
  mailCatcher: MailCatcher | undefined;
  /** how e-mails leave, for the start-up line (no secrets) */
  mailDescription: string;
  stop(): Promise<void>;
}

/** The e-mail transport the settings describe: SMTP (ECOUTE_SMTP_URL), a local catcher in demo mode, else none. */
async function startMail(config: Config): Promise<{ transport: EmailTransport; from: string; catcher?: MailCatcher; description: string } | undefined> {
  const { smtpUrl, from } = config.mail;
  if (smtpUrl) return { transport: new SmtpTransport(smtpUrl, from!), from: from!, description: `SMTP ${smtpUrl.replace(/:[^:@/]*@/, ':***@')}` };
  if (!config.demoMode) return undefined;
  const catcher = await startMailCatcher();
  const sender = from ?? DEMO_MAIL_FROM;
  return { transport: new SmtpTransport(catcher.url, sender), from: sender, catcher, description: 'mail catcher in this process' };
}

/**
 * Starts the survey worker and the SMS gateway configured by ECOUTE_SMSC_URL (docs/sms.md). When it
 * is unset, an SMSC simulator runs in this process on a free port of 127.0.0.1 and the gateway talks
 * real SMPP to it, so development exercises the production path. The worker also sends the
 * notifications (docs/notifications.md) and the complaints' messages (docs/complaints.md), e-mails through ECOUTE_SMTP_URL, or in demo mode through a
 * local mail catcher on a free port of 127.0.0.1.
 */
export async function startSmsRuntime(
  storage: Storage,
  options: {
    worker?: WorkerOptions;
    /**
     * the process's settings: with them, the worker also runs the daily retention purge (docs/privacy.md),
     * the follow-ups' hot alerts and the hourly escalation of missed deadlines (docs/followups.md), and
     * deletes the files of attachments removed or erased (docs/complaints.md#attachments)
     */
    config?: Config;
    /** the consoles' live hub of this process (`ecoute serve`): hot follow-ups and escalations are pushed through it */
    live?: LiveHub;
    /**
     * the rules of each message class, in place of those of the settings (`classRules(config)`): a
     * test that must pass at any hour of the day gives rules without quiet hours. `ecoute serve` and
     * `ecoute worker` never set it (docs/notifications.md#message-classes)
     */
    classes?: Readonly<Record<MessageClass, ClassRules>>;
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
  await scheduleEightWeeks(storage.db);
  const settingsOfProcess = config ?? loadConfig();
  const mail = await startMail(settingsOfProcess);
  const notifications = notificationHandler({
    db: storage.db,
    mail,
    autoRepliesPerDay: settings.autoRepliesPerDay,
    numberKey: settingsOfProcess.privacySecret,
    classes: options.classes ?? classRules(settingsOfProcess),
  });
  const surveys = await startSurveyRuntime({
    storage,
    gateway,
    senderId: settings.senderId,
    autoRepliesPerDay: settings.autoRepliesPerDay,
    ...(options.worker ? { worker: options.worker } : {}),
    numberKey: settingsOfProcess.privacySecret,
    handlers: {
      'notification.send': notifications,
      ...complaintMessageHandlers(storage.db),
      'sign-in.code': signInCodeHandler(storage.db),
      'sign-in.email': signInEmailHandler(storage.db, mail),
      'plan-change.apply': planChangeHandler(storage.db),
      ...(config
        ? {
            'privacy.retention': retentionHandler(storage.db, config.retention),
            'followup.hot': followupAlertHandler(storage.db, options.live),
            'followup.deadlines': followupDeadlinesHandler(storage.db, { live: options.live }),
            'attachment.blob-delete': attachmentBlobHandler(storage.db, openBlobStore(config.blobs)),
          }
        : {}),
    },
  });
  return {
    surveys,
    simulator,
    httpGateway: gateway instanceof HttpGateway ? gateway : undefined,
    description,
    mailCatcher: mail?.catcher,
    mailDescription: mail?.description ?? 'none (ECOUTE_SMTP_URL unset)',
    stop: async () => {
      await surveys.stop();
      await simulator?.close();
      await mail?.transport.close();
      await mail?.catcher?.close();
    },
  };
}
