/**
 * The SMS transport, configured from the environment (see docs/sms.md):
 *
 *   ECOUTE_SMSC_URL          smpp://system_id:password@host:port   SMPP 3.4 (ssmpp:// for TLS)
 *                            https://provider.example/v1/sms        HTTP provider (needs ECOUTE_SMS_HTTP_TOKEN)
 *                            loopback:                              in-process SMSC simulator (development)
 *   ECOUTE_SMS_HTTP_TOKEN    bearer token for the HTTP provider
 *   ECOUTE_SMS_WEBHOOK_TOKEN bearer token the HTTP provider sends with receipts and replies
 *   ECOUTE_SMS_WINDOW        outstanding submits at most (default 10)
 *   ECOUTE_SMS_RATE          submits per second, 0 = no cap (default 0)
 *   ECOUTE_SMS_SENDER        sender id of the surveys (default ECOUTE)
 *   ECOUTE_SMS_AUTO_REPLIES_PER_DAY  automatic SMS (confirmations, thanks, clarifications) to one number in any 24 hours (default 3)
 */
import { SmsSubmitError, validateOutbound, type SmsGateway, type SmsLogger } from './gateway.js';
import { HttpGateway } from './http/http-gateway.js';
import { LoopbackGateway } from './simulator/loopback-gateway.js';
import { SmppGateway } from './smpp/smpp-gateway.js';

export * from './gateway.js';
export { handleHttpGatewayWebhook, checkHttpGatewayWebhookAuth, HttpGateway } from './http/http-gateway.js';
export { SmppGateway, parseSmppUrl } from './smpp/smpp-gateway.js';
export { LoopbackGateway } from './simulator/loopback-gateway.js';
export { SmscSimulator, startSmscSimulator } from './simulator/smsc-simulator.js';

export interface SmsSettings {
  /** ECOUTE_SMSC_URL; undefined: SMS is not configured. */
  url: string | undefined;
  httpToken: string | undefined;
  webhookToken: string | undefined;
  window: number;
  ratePerSecond: number;
  senderId: string;
  /** ECOUTE_SMS_AUTO_REPLIES_PER_DAY: automatic SMS to one number in any 24 hours at most (0: none) */
  autoRepliesPerDay: number;
}

function numberFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${name} must be a number between ${min} and ${max}, got "${raw}"`);
  return value;
}

export function smsSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SmsSettings {
  const senderId = env.ECOUTE_SMS_SENDER || 'ECOUTE';
  try {
    validateOutbound({ messageId: 'check', to: '+352621000000', from: senderId, text: 'check' });
  } catch (error) {
    throw new Error(`ECOUTE_SMS_SENDER: ${(error as SmsSubmitError).message}`);
  }
  const window = numberFromEnv(env, 'ECOUTE_SMS_WINDOW', 10, 1, 1000);
  if (!Number.isInteger(window)) throw new Error(`ECOUTE_SMS_WINDOW must be a whole number, got "${env.ECOUTE_SMS_WINDOW}"`);
  return {
    url: env.ECOUTE_SMSC_URL || undefined,
    httpToken: env.ECOUTE_SMS_HTTP_TOKEN || undefined,
    webhookToken: env.ECOUTE_SMS_WEBHOOK_TOKEN || undefined,
    window,
    ratePerSecond: numberFromEnv(env, 'ECOUTE_SMS_RATE', 0, 0, 100_000),
    senderId,
    autoRepliesPerDay: integerFromEnv(env, 'ECOUTE_SMS_AUTO_REPLIES_PER_DAY', 3, 0, 100),
  };
}

function integerFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = numberFromEnv(env, name, fallback, min, max);
  if (!Number.isInteger(value)) throw new Error(`${name} must be a whole number, got "${env[name]}"`);
  return value;
}

/** The gateway the settings describe (not started), or null when ECOUTE_SMSC_URL is not set. */
export function createSmsGateway(settings: SmsSettings, logger?: SmsLogger): SmsGateway | null {
  const url = settings.url;
  if (!url) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const common = { window: settings.window, ratePerSecond: settings.ratePerSecond, ...(logger ? { logger } : {}) };
  switch (scheme) {
    case 'smpp':
    case 'ssmpp':
    case 'smpps':
      return new SmppGateway({ url, ...common });
    case 'http':
    case 'https':
      if (!settings.httpToken) throw new Error('ECOUTE_SMS_HTTP_TOKEN must be set for an HTTP SMS provider');
      return new HttpGateway({ url, token: settings.httpToken, ...(settings.webhookToken ? { webhookToken: settings.webhookToken } : {}), ...common });
    case 'loopback':
      return new LoopbackGateway({ window: settings.window, ...(logger ? { logger } : {}) });
    default:
      throw new Error('ECOUTE_SMSC_URL must be smpp://system_id:password@host:port, https://… (HTTP provider) or loopback:');
  }
}
