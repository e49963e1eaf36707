import type { Kysely } from 'kysely';
import { auditCustomerAction, type CommandLineActor } from '../auth/audit.js';
import { writeWaitingAudits } from '../auth/audit-behind.js';
import type { CustomerActor } from '../auth/customer-sessions.js';
import type { Actor } from '../auth/policies.js';
import type { Database } from '../storage/schema.js';
import { customerNumbers, optOutsOf, partyOrFail, repliesOf, smsOf, surveyIds } from './customer-records.js';

/** Everything Ecoute holds on one customer, as the database returns it (the presenter shapes it). */
export type ExportRows = Awaited<ReturnType<typeof readRows>>;

async function readRows(db: Kysely<Database>, partyId: string, numberKey: string) {
  const party = await partyOrFail(db, partyId);
  const accounts = await db.selectFrom('accounts').selectAll().where('party_id', '=', partyId).orderBy('created_at').orderBy('id').execute();
  const lines = await db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .selectAll('lines')
    .where('accounts.party_id', '=', partyId)
    .orderBy('lines.activated_at')
    .orderBy('lines.id')
    .execute();
  const contactPoints = await db.selectFrom('contact_points').selectAll().where('party_id', '=', partyId).orderBy('kind').orderBy('is_primary', 'desc').orderBy('id').execute();
  const consentChanges = await db.selectFrom('consent_changes').selectAll().where('party_id', '=', partyId).orderBy('changed_at').orderBy('id').execute();
  const contacts = await db.selectFrom('interactions').selectAll().where('party_id', '=', partyId).orderBy('started_at').orderBy('id').execute();
  const calls = await db.selectFrom('calls').selectAll().where('party_id', '=', partyId).orderBy('ringing_at').orderBy('call_id').execute();
  const surveys = await db.selectFrom('surveys').selectAll().where('party_id', '=', partyId).orderBy('created_at').orderBy('id').execute();
  const answers = await db.selectFrom('survey_responses').selectAll().where('party_id', '=', partyId).orderBy('received_at').orderBy('id').execute();
  const numbers = await customerNumbers(db, partyId);
  const ids = await surveyIds(db, partyId);
  const sms = await smsOf(db, ids, numbers).selectAll().orderBy('created_at').orderBy('id').execute();
  const replies = await repliesOf(db, ids, numbers).selectAll().orderBy('received_at').orderBy('id').execute();
  const optOuts = await optOutsOf(db, numbers, numberKey).selectAll().orderBy('opted_out_at').execute();
  const notifications = await db.selectFrom('notifications').selectAll().where('party_id', '=', partyId).orderBy('created_at').orderBy('id').execute();
  // the use of their lines (docs/self-service.md): the counters of each period and every event received
  const lineIds = lines.map((l) => l.id);
  const usageCounters = lineIds.length === 0 ? [] : await db.selectFrom('usage_counters').selectAll().where('line_id', 'in', lineIds).orderBy('period_start').orderBy('line_id').orderBy('bucket').execute();
  const usageEvents = lineIds.length === 0 ? [] : await db.selectFrom('usage_events').selectAll().where('line_id', 'in', lineIds).orderBy('occurred_at').orderBy('event_id').execute();
  // their bills, as received from billing (docs/self-service.md, "Bills")
  const accountIds = accounts.map((a) => a.id);
  const bills = accountIds.length === 0 ? [] : await db.selectFrom('bills').selectAll().where('account_id', 'in', accountIds).orderBy('period_start').orderBy('bill_number').execute();
  // the changes of their lines' plans and their devices (docs/self-service.md, "Changing plan", "Devices")
  const planChanges = lineIds.length === 0 ? [] : await db.selectFrom('plan_changes').selectAll().where('line_id', 'in', lineIds).orderBy('requested_at').orderBy('id').execute();
  const devices = lineIds.length === 0 ? [] : await db.selectFrom('devices').selectAll().where('line_id', 'in', lineIds).orderBy('purchased_on').orderBy('id').execute();
  const complaints = await db
    .selectFrom('complaints')
    .innerJoin('cases', 'cases.id', 'complaints.case_id')
    .selectAll('complaints')
    .select(['cases.state', 'cases.closed_at'])
    .where('cases.party_id', '=', partyId)
    .orderBy('complaints.received_at')
    .orderBy('complaints.case_id')
    .execute();
  const complaintSurveys = await db.selectFrom('complaint_surveys').selectAll().where('party_id', '=', partyId).orderBy('created_at').orderBy('id').execute();
  const attachments = await db
    .selectFrom('complaint_attachments')
    .innerJoin('cases', 'cases.id', 'complaint_attachments.complaint_id')
    .selectAll('complaint_attachments')
    .where('cases.party_id', '=', partyId)
    .orderBy('complaint_attachments.uploaded_at')
    .orderBy('complaint_attachments.id')
    .execute();
  const caseEvents = await db
    .selectFrom('case_events')
    .innerJoin('cases', 'cases.id', 'case_events.case_id')
    .selectAll('case_events')
    .select('cases.kind')
    .where('cases.party_id', '=', partyId)
    .orderBy('case_events.at')
    .orderBy('case_events.id')
    .execute();
  // their passkeys, without the public keys: what they are called, on which line, when made and used
  const passkeys = await db
    .selectFrom('passkeys')
    .innerJoin('lines', 'lines.id', 'passkeys.line_id')
    .select(['passkeys.id', 'passkeys.credential_id', 'passkeys.name', 'lines.msisdn', 'passkeys.aaguid', 'passkeys.backed_up', 'passkeys.created_at', 'passkeys.last_used_at'])
    .where('passkeys.party_id', '=', partyId)
    .orderBy('passkeys.created_at')
    .orderBy('passkeys.id')
    .execute();
  const causeCodings = await db.selectFrom('cause_codings').selectAll().where('party_id', '=', partyId).orderBy('occurred_at').orderBy('subject_id').execute();
  const audit = await db.selectFrom('audit_log').selectAll().where('party_id', '=', partyId).orderBy('at').orderBy('id').execute();
  return { party, accounts, lines, contactPoints, consentChanges, contacts, calls, surveys, answers, sms, replies, optOuts, notifications, usageCounters, usageEvents, bills, planChanges, devices, complaints, attachments, complaintSurveys, causeCodings, caseEvents, passkeys, audit };
}

/**
 * Everything Ecoute holds on one customer (GDPR art. 15), for the customer. The export itself is
 * written to the audit trail (`customer.export`), after the rows are read: the export lists the
 * reads and changes before it. A 404 names an unknown id.
 */
export async function exportCustomer(
  db: Kysely<Database>,
  partyId: string,
  by: { actor: Actor | CommandLineActor | CustomerActor; via: 'api' | 'cli' },
  numberKey: string,
): Promise<ExportRows & { exportedAt: number }> {
  // The reads answered while the database was busy are part of the record: written first.
  await writeWaitingAudits(db);
  const rows = await readRows(db, partyId, numberKey);
  const exportedAt = Date.now();
  await auditCustomerAction(db, by.actor, partyId, 'customer.export', by.via, exportedAt);
  return { ...rows, exportedAt };
}
