import type { Selectable } from 'kysely';
import { LANGUAGES } from '../shared/languages.js';
import type { OptOutTable } from '../storage/schema.js';
import type { PhoneThread, SmsGatewayStatus, SmsLogItem, SurveyDefinition as SurveyDefinitionOut, SurveyRules as SurveyRulesOut, SurveyVersion as SurveyVersionOut, OptOut } from '../contract/surveys.js';
import type { ThreadMessage } from './phone-thread.js';
import type { listDefinitions, SurveyVersion } from './survey-definitions.js';
import type { SmsLogEntry, SmsTransportStatus } from './survey-monitoring.js';
import type { SurveyRules } from './survey-rules.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** One line of the SMS log as it leaves the server (no SMSC ids). */
export function presentSmsLogEntry(m: SmsLogEntry): SmsLogItem {
  return {
    nextAttemptAt: m.nextAttemptAt === null ? null : iso(m.nextAttemptAt),
    id: m.id, surveyId: m.survey_id, direction: m.direction, purpose: m.purpose, msisdn: m.msisdn, text: m.text,
    status: m.status, encoding: m.encoding, parts: m.parts, error: m.error, attempts: m.attempts,
    createdAt: iso(m.created_at), updatedAt: iso(m.updated_at),
  };
}

/** The transport's state and the outbox's work, times in ISO 8601. */
export function presentSmsTransportStatus(s: SmsTransportStatus): SmsGatewayStatus {
  return {
    gateway: s.gateway ? { name: s.gateway.name, connected: s.gateway.connected, lastError: s.gateway.lastError, inFlight: s.gateway.inFlight } : null,
    pendingJobs: s.pendingJobs,
    retrying: s.retrying,
    nextRetryAt: s.nextRetryAt === null ? null : iso(s.nextRetryAt),
    lastJobError: s.lastJobError,
  };
}

/** A number that asked for no more surveys. */
export function presentOptOut(r: Selectable<OptOutTable>): OptOut {
  return { msisdn: r.msisdn, optedOutAt: iso(r.opted_out_at), keyword: r.keyword };
}

/** A published version as it leaves the server. */
export function presentVersion(v: SurveyVersion): SurveyVersionOut {
  const texts: SurveyVersionOut['texts'] = {};
  for (const language of LANGUAGES) {
    const t = v.texts[language];
    if (t) texts[language] = { ...t };
  }
  return {
    id: v.id, definitionId: v.definitionId, version: v.version, scale: { min: v.scale.min, max: v.scale.max },
    promoterMin: v.promoterMin, detractorMax: v.detractorMax, askResolved: v.askResolved, askComment: v.askComment, texts, createdAt: v.createdAt,
  };
}

/** A definition with every version. */
export function presentDefinition(d: Awaited<ReturnType<typeof listDefinitions>>[number]): SurveyDefinitionOut {
  return { id: d.id, name: d.name, purpose: d.purpose, currentVersionId: d.currentVersionId, versions: d.versions.map(presentVersion) };
}

/** The rules in force. */
export function presentRules(r: SurveyRules): SurveyRulesOut {
  return {
    id: r.id, definitionId: r.definitionId, active: r.active, channels: [...r.channels], delayMinutes: r.delayMinutes, samplingPercent: r.samplingPercent,
    quarantineDays: r.quarantineDays, quietStart: r.quietStart, quietEnd: r.quietEnd, quietSundays: r.quietSundays, skipLandlines: r.skipLandlines,
    minDurationSeconds: r.minDurationSeconds, skipBusiness: r.skipBusiness, openHours: r.openHours,
  };
}

/** A simulated phone's thread, times in ISO 8601. */
export function presentPhoneThread(msisdn: string, thread: ThreadMessage[]): PhoneThread {
  return { msisdn, items: thread.map((m) => ({ direction: m.direction, text: m.text, at: iso(m.at), from: m.from, to: m.to })) };
}
