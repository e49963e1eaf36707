import type { Selectable } from 'kysely';
import type { OptOutTable } from '../storage/schema.js';
import type { SmsLogEntry, SmsTransportStatus } from './survey-monitoring.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** One line of the SMS log as it leaves the server (no SMSC ids). */
export function presentSmsLogEntry(m: SmsLogEntry) {
  return {
    nextAttemptAt: m.nextAttemptAt === null ? null : iso(m.nextAttemptAt),
    id: m.id, surveyId: m.survey_id, direction: m.direction, purpose: m.purpose, msisdn: m.msisdn, text: m.text,
    status: m.status, encoding: m.encoding, parts: m.parts, error: m.error, attempts: m.attempts,
    createdAt: iso(m.created_at), updatedAt: iso(m.updated_at),
  };
}

/** The transport's state and the outbox's work, times in ISO 8601. */
export function presentSmsTransportStatus(s: SmsTransportStatus) {
  return {
    gateway: s.gateway ? { name: s.gateway.name, connected: s.gateway.connected, lastError: s.gateway.lastError, inFlight: s.gateway.inFlight } : null,
    pendingJobs: s.pendingJobs,
    retrying: s.retrying,
    nextRetryAt: s.nextRetryAt === null ? null : iso(s.nextRetryAt),
    lastJobError: s.lastJobError,
  };
}

/** A number that asked for no more surveys. */
export function presentOptOut(r: Selectable<OptOutTable>) {
  return { msisdn: r.msisdn, optedOutAt: iso(r.opted_out_at), keyword: r.keyword };
}
