import type { Consents as ConsentsOut, CustomerExport, ErasureResult as ErasureOut } from '../contract/privacy.js';
import { formatDay } from '../shared/calendar.js';
import type { ConsentView } from './consents.js';
import type { ExportRows } from './customer-export.js';
import type { Erasure } from './erasure.js';

const iso = (ms: number) => new Date(Number(ms)).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));
const flag = (value: 0 | 1 | null) => (value === null ? null : value === 1);

/** A customer's export as it leaves the server (src/contract/privacy.ts), field by field. */
export function presentExport(rows: ExportRows & { exportedAt: number }): CustomerExport {
  const p = rows.party;
  const numbers = new Map(rows.lines.map((l) => [l.id, l.msisdn]));
  const numberOf = (lineId: string) => numbers.get(lineId) ?? lineId;
  return {
    exportedAt: iso(rows.exportedAt),
    customer: {
      id: p.id, customerNumber: p.customer_number, kind: p.kind, givenName: p.given_name, familyName: p.family_name, organisationName: p.organisation_name,
      displayName: p.display_name, preferredLanguage: p.preferred_language, consentSurveys: p.consent_surveys === 1, consentMarketing: p.consent_marketing === 1,
      createdAt: iso(p.created_at), updatedAt: iso(p.updated_at), erasedAt: isoOrNull(p.erased_at),
    },
    accounts: rows.accounts.map((a) => ({ id: a.id, accountNumber: a.account_number, segment: a.segment, status: a.status, createdAt: iso(a.created_at) })),
    lines: rows.lines.map((l) => ({ accountId: l.account_id, msisdn: l.msisdn, kind: l.kind, plan: l.plan, status: l.status, activatedAt: iso(l.activated_at) })),
    contactPoints: rows.contactPoints.map((c) => ({ kind: c.kind, value: c.value, primary: c.is_primary === 1 })),
    consentChanges: rows.consentChanges.map((c) => ({
      consent: c.consent, from: c.old_value === 1, to: c.new_value === 1, channel: c.channel, changedAt: iso(c.changed_at), changedBy: `${c.actor_kind}:${c.actor_id}`,
    })),
    contacts: rows.contacts.map((i) => ({
      id: i.id, externalId: i.external_id, channel: i.channel, direction: i.direction, reasonCode: i.reason_code, startedAt: iso(i.started_at),
      endedAt: isoOrNull(i.ended_at), outcome: i.outcome, resolved: flag(i.resolved), notes: i.notes, phone: i.phone, repeatOf: i.repeat_of,
    })),
    calls: rows.calls.map((c) => ({
      callId: c.call_id, fromNumber: c.from_number, toNumber: c.to_number, state: c.state, ringingAt: isoOrNull(c.ringing_at),
      answeredAt: isoOrNull(c.answered_at), endedAt: isoOrNull(c.ended_at), contactId: c.interaction_id,
    })),
    surveys: rows.surveys.map((s) => ({
      id: s.id, contactId: s.interaction_id, msisdn: s.msisdn, language: s.language, status: s.status, createdAt: iso(s.created_at), sentAt: isoOrNull(s.sent_at),
    })),
    surveyAnswers: rows.answers.map((r) => ({
      surveyId: r.survey_id, contactId: r.interaction_id, score: r.score, scaleMin: r.scale_min, scaleMax: r.scale_max, category: r.category,
      resolved: flag(r.resolved), comment: r.comment, language: r.language, receivedAt: iso(r.received_at),
    })),
    smsMessages: rows.sms.map((m) => ({
      id: m.id, surveyId: m.survey_id, direction: m.direction, purpose: m.purpose, msisdn: m.msisdn, text: m.text, status: m.status, createdAt: iso(m.created_at),
    })),
    surveyReplies: rows.replies.map((r) => ({ id: r.id, surveyId: r.survey_id, msisdn: r.msisdn, text: r.text, outcome: r.outcome, receivedAt: iso(r.received_at) })),
    optOuts: rows.optOuts.map((o) => ({ msisdn: o.msisdn, optedOutAt: iso(o.opted_out_at), keyword: o.keyword })),
    notifications: rows.notifications.map((n) => ({
      id: n.id, class: n.class, channel: n.channel, templateKey: n.template_key, templateVersion: n.template_version, recipient: n.recipient,
      subject: n.subject, text: n.body, refType: n.ref_type, refId: n.ref_id, status: n.status, reason: n.reason, createdAt: iso(n.created_at),
      releasedAt: isoOrNull(n.released_at),
    })),
    usageCounters: rows.usageCounters.map((u) => ({
      msisdn: numberOf(u.line_id), periodStart: formatDay(Number(u.period_start)), type: u.bucket, used: Number(u.used), events: Number(u.events),
      allowance: u.allowance === null ? null : Number(u.allowance), chargedCents: Number(u.charged_cents),
    })),
    usageEvents: rows.usageEvents.map((e) => ({
      eventId: e.event_id, msisdn: numberOf(e.line_id), occurredAt: iso(Number(e.occurred_at)), type: e.type, quantity: Number(e.quantity), country: e.country, bucket: e.bucket,
    })),
    bills: rows.bills.map((b) => ({
      billNumber: b.bill_number, accountId: b.account_id, periodStart: formatDay(Number(b.period_start)), periodEnd: formatDay(Number(b.period_end)),
      amountCents: Number(b.amount_cents), currency: b.currency, issuedOn: formatDay(Number(b.issued_on)), dueOn: formatDay(Number(b.due_on)),
      paidAt: isoOrNull(b.paid_at), pdfUrl: b.pdf_url, receivedAt: iso(b.imported_at), updatedAt: iso(b.updated_at),
    })),
    planChanges: rows.planChanges.map((c) => ({
      id: c.id, msisdn: numberOf(c.line_id), fromPlan: c.from_plan, toPlan: c.to_plan, kind: c.kind, status: c.status, effectiveFrom: formatDay(Number(c.effective_period)),
      requestedAt: iso(c.requested_at), requestedBy: `${c.actor_kind}:${c.actor_id}`, appliedAt: isoOrNull(c.applied_at), cancelledAt: isoOrNull(c.cancelled_at),
      cancelledBy: c.cancelled_by_kind === null ? null : `${c.cancelled_by_kind}:${c.cancelled_by_id}`,
    })),
    devices: rows.devices.map((d) => ({
      msisdn: numberOf(d.line_id), imei: d.imei, make: d.make, model: d.model, purchasedOn: formatDay(Number(d.purchased_on)), warrantyUntil: formatDay(Number(d.warranty_until)),
      instalmentRemainingCents: d.instalment_remaining_cents === null ? null : Number(d.instalment_remaining_cents),
      instalmentLastOn: d.instalment_last_on === null ? null : formatDay(Number(d.instalment_last_on)), status: d.status, receivedAt: iso(d.imported_at), updatedAt: iso(d.updated_at),
    })),
    complaints: rows.complaints.map((c) => ({
      id: c.case_id, reference: c.reference, state: c.state, channel: c.channel, category: c.category, rootCause: c.root_cause, accountId: c.account_id,
      lineId: c.line_id, amountDisputedCents: c.amount_disputed_cents === null ? null : Number(c.amount_disputed_cents), description: c.description,
      language: c.language, receivedAt: iso(c.received_at), acknowledgedAt: isoOrNull(c.acknowledged_at), answeredAt: isoOrNull(c.answered_at),
      outcome: c.outcome, rejectionReason: c.rejection_reason, mediationInfoSentAt: isoOrNull(c.mediation_info_sent_at), closedAt: isoOrNull(c.closed_at),
    })),
    complaintSurveys: rows.complaintSurveys.map((s) => ({
      id: s.id, complaintId: s.case_id, status: s.status, msisdn: s.msisdn, language: s.language, closedAt: iso(s.closed_at), sentAt: isoOrNull(s.sent_at),
      score: s.score, comment: s.comment, receivedAt: isoOrNull(s.received_at),
    })),
    complaintAttachments: rows.attachments.map((a) => ({
      id: a.id, complaintId: a.complaint_id, fileName: a.file_name, contentType: a.content_type, sizeBytes: Number(a.size_bytes), sha256: a.sha256,
      uploadedAt: iso(a.uploaded_at), uploadedBy: `${a.uploaded_by_kind}:${a.uploaded_by_id}`, removedAt: isoOrNull(a.deleted_at),
      removedBy: a.deleted_by_kind === null ? null : `${a.deleted_by_kind}:${a.deleted_by_id}`, removalReason: a.deletion_reason,
    })),
    causeCodings: rows.causeCodings.map((c) => ({
      subjectKind: c.subject_kind, subjectId: c.subject_id, causeCode: c.cause_code, unknownReason: c.unknown_reason, occurredAt: iso(c.occurred_at),
      codedAt: iso(c.coded_at), codedBy: `${c.coded_by_kind}:${c.coded_by_id}`,
    })),
    caseEvents: rows.caseEvents.map((e) => ({
      caseId: e.case_id, caseKind: e.kind, at: iso(e.at), action: e.action, fromState: e.from_state, toState: e.to_state, reason: e.reason,
      actorKind: e.actor_kind, actorId: e.actor_id, data: e.data,
    })),
    passkeys: rows.passkeys.map((k) => ({
      id: k.id, credentialId: k.credential_id, name: k.name, msisdn: k.msisdn, authenticator: k.aaguid, synced: k.backed_up === 1,
      createdAt: iso(k.created_at), lastUsedAt: isoOrNull(k.last_used_at),
    })),
    auditTrail: rows.audit.map((a) => ({ at: iso(a.at), actorKind: a.actor_kind, actorId: a.actor_id, action: a.action, via: a.via })),
  };
}

/** An erasure's outcome as it leaves the server. */
export function presentErasure(e: Erasure): ErasureOut {
  return { customerId: e.partyId, erasedAt: iso(e.erasedAt), counts: { ...e.counts } };
}

/** A customer's consents and their history. */
export function presentConsents(c: ConsentView): ConsentsOut {
  return {
    surveys: c.surveys,
    marketing: c.marketing,
    history: c.history.map((h) => ({
      consent: h.consent, from: h.from, to: h.to, channel: h.channel, changedAt: iso(h.changedAt),
      changedBy: { kind: h.changedBy.kind, id: h.changedBy.id, name: h.changedBy.name },
    })),
  };
}
