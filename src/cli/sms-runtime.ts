import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import { silentLogger, type SmsLogger } from '../sms/gateway.js';
import { SmppGateway } from '../sms/smpp/smpp-gateway.js';
import { startSmscSimulator, type SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import type { Storage } from '../storage/database.js';
import { startSurveyRuntime, type SurveyRuntime } from '../surveys/survey-runtime.js';

export interface SmsRuntime {
  surveys: SurveyRuntime;
  /** the in-process SMSC simulator when no real SMSC is configured (development and demo) */
  simulator: SmscSimulator | undefined;
  stop(): Promise<void>;
}

const logger: SmsLogger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
};

/**
 * Starts the survey worker and the SMS gateway: SMPP to ECOUTE_SMSC_URL, or to an SMSC simulator
 * started in this process on a free port of 127.0.0.1 when none is configured.
 */
export async function startSmsRuntime(storage: Storage, config: Config): Promise<SmsRuntime> {
  let simulator: SmscSimulator | undefined;
  let url = config.smscUrl;
  if (!url) {
    const password = randomBytes(6).toString('hex');
    simulator = await startSmscSimulator({ host: '127.0.0.1', port: 0, systemId: 'ecoute', password, logger: silentLogger });
    url = `smpp://ecoute:${password}@127.0.0.1:${simulator.listeningPort}`;
  }
  const gateway = new SmppGateway({ url, window: config.smsWindow, ratePerSecond: config.smsRatePerSecond, logger });
  const surveys = await startSurveyRuntime({ storage, gateway, senderId: config.smsSenderId });
  return {
    surveys,
    simulator,
    stop: async () => {
      await surveys.stop();
      await simulator?.close();
    },
  };
}
