import { z } from '@hono/zod-openapi';
import { channel, language, actorKind } from './common.js';

const time = z.string().openapi({ description: 'ISO 8601' });
const maybeTime = time.nullable();

/** Everything Ecoute holds on one customer (GDPR art. 15), one list per kind; the zip has one CSV per list, with these columns. */
export const customerExport = z
  .object({
    exportedAt: time,
    customer: z.object({
      id: z.string(),
      customerNumber: z.string(),
      kind: z.enum(['individual', 'organisation']),
      givenName: z.string().nullable(),
      familyName: z.string().nullable(),
      organisationName: z.string().nullable(),
      displayName: z.string(),
      preferredLanguage: language,
      consentSurveys: z.boolean(),
      consentMarketing: z.boolean(),
      createdAt: time,
      updatedAt: time,
      erasedAt: maybeTime,
    }),
    accounts: z.array(z.object({ id: z.string(), accountNumber: z.string(), segment: z.enum(['residential', 'business']), status: z.string(), createdAt: time })),
    lines: z.array(z.object({ accountId: z.string(), msisdn: z.string(), kind: z.enum(['mobile', 'landline']), plan: z.string(), status: z.string(), activatedAt: time })),
    contactPoints: z.array(z.object({ kind: z.enum(['phone', 'email']), value: z.string(), primary: z.boolean() })),
    consentChanges: z.array(
      z.object({ consent: z.enum(['surveys', 'marketing']), from: z.boolean(), to: z.boolean(), channel, changedAt: time, changedBy: z.string() }),
    ),
    contacts: z.array(
      z.object({
        id: z.string(), externalId: z.string().nullable(), channel, direction: z.enum(['inbound', 'outbound']), reasonCode: z.string().nullable(),
        startedAt: time, endedAt: maybeTime, outcome: z.string().nullable(), resolved: z.boolean().nullable(), notes: z.string().nullable(),
        phone: z.string().nullable(), repeatOf: z.string().nullable(),
      }),
    ),
    calls: z.array(
      z.object({
        callId: z.string(), fromNumber: z.string(), toNumber: z.string().nullable(), state: z.string(),
        ringingAt: maybeTime, answeredAt: maybeTime, endedAt: maybeTime, contactId: z.string().nullable(),
      }),
    ),
    surveys: z.array(
      z.object({ id: z.string(), contactId: z.string(), msisdn: z.string(), language, status: z.string(), createdAt: time, sentAt: maybeTime }),
    ),
    surveyAnswers: z.array(
      z.object({
        surveyId: z.string(), contactId: z.string(), score: z.number().nullable(), scaleMin: z.number(), scaleMax: z.number(),
        category: z.enum(['promoter', 'passive', 'detractor']).nullable(), resolved: z.boolean().nullable(), comment: z.string().nullable(),
        language: language.nullable(), receivedAt: time,
      }),
    ),
    smsMessages: z.array(
      z.object({
        id: z.string(), surveyId: z.string().nullable(), direction: z.enum(['out', 'in']), purpose: z.string(), msisdn: z.string(), text: z.string(),
        status: z.string(), createdAt: time,
      }),
    ),
    surveyReplies: z.array(z.object({ id: z.string(), surveyId: z.string().nullable(), msisdn: z.string(), text: z.string(), outcome: z.string(), receivedAt: time })),
    optOuts: z.array(z.object({ msisdn: z.string(), optedOutAt: time, keyword: z.string() })),
    notifications: z.array(
      z.object({
        id: z.string(), class: z.string(), channel: z.string(), templateKey: z.string(), templateVersion: z.number().int(), recipient: z.string(),
        subject: z.string().nullable(), text: z.string(), refType: z.string(), refId: z.string(), status: z.string(), reason: z.string().nullable(),
        createdAt: time, releasedAt: maybeTime,
      }),
    ),
    usageCounters: z.array(
      z.object({
        msisdn: z.string(), periodStart: z.string().openapi({ example: '2026-12-01' }), type: z.string(), used: z.number().int(), events: z.number().int(),
        allowance: z.number().int().nullable(), chargedCents: z.number().int(),
      }),
    ).openapi({ description: 'the use of their lines per billing period and bucket (docs/self-service.md)' }),
    usageEvents: z.array(
      z.object({ eventId: z.string(), msisdn: z.string(), occurredAt: time, type: z.string(), quantity: z.number().int(), country: z.string(), bucket: z.string() }),
    ).openapi({ description: 'every usage event received for their lines' }),
    bills: z.array(
      z.object({
        billNumber: z.string(), accountId: z.string(), periodStart: z.string().openapi({ example: '2026-11-01' }), periodEnd: z.string().openapi({ example: '2026-11-30' }),
        amountCents: z.number().int(), currency: z.string(), issuedOn: z.string(), dueOn: z.string(), paidAt: maybeTime, pdfUrl: z.string().nullable(), receivedAt: time, updatedAt: time,
      }),
    ).openapi({ description: 'their bills as received from billing: period, amount incl. VAT (negative: a credit note), due day, payment, PDF link (docs/self-service.md)' }),
    planChanges: z.array(
      z.object({
        id: z.string(), msisdn: z.string(), fromPlan: z.string(), toPlan: z.string(), kind: z.string(), status: z.string(),
        effectiveFrom: z.string().openapi({ example: '2027-01-01' }), requestedAt: time, requestedBy: z.string().openapi({ description: '`<kind>:<id>` of who asked' }),
        appliedAt: maybeTime, cancelledAt: maybeTime, cancelledBy: z.string().nullable(),
      }),
    ).openapi({ description: 'every change of their lines’ plans: who asked, when, from and to which plan, from which billing period, where it stands (docs/self-service.md)' }),
    devices: z.array(
      z.object({
        msisdn: z.string(), imei: z.string().openapi({ description: 'whole: it is theirs' }), make: z.string(), model: z.string(), purchasedOn: z.string(), warrantyUntil: z.string(),
        instalmentRemainingCents: z.number().int().nullable(), instalmentLastOn: z.string().nullable(), status: z.string(), receivedAt: time, updatedAt: time,
      }),
    ).openapi({ description: 'their devices as the operator’s systems know them (docs/self-service.md, "Devices")' }),
    complaints: z.array(
      z.object({
        id: z.string(), reference: z.string(), state: z.string(), channel: z.string(), category: z.string(), rootCause: z.string().nullable(),
        accountId: z.string().nullable(), lineId: z.string().nullable(), amountDisputedCents: z.number().int().nullable(), description: z.string(), language,
        receivedAt: time, acknowledgedAt: maybeTime, answeredAt: maybeTime, outcome: z.string().nullable(), rejectionReason: z.string().nullable(),
        mediationInfoSentAt: maybeTime, closedAt: maybeTime,
      }),
    ),
    complaintSurveys: z.array(
      z.object({
        id: z.string(), complaintId: z.string(), status: z.string(), msisdn: z.string().nullable(), language, closedAt: time, sentAt: maybeTime,
        score: z.number().int().nullable(), comment: z.string().nullable(), receivedAt: maybeTime,
      }),
    ),
    complaintAttachments: z.array(
      z.object({
        id: z.string(), complaintId: z.string(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int(), sha256: z.string(),
        uploadedAt: time, uploadedBy: z.string().openapi({ description: '`<kind>:<id>` of who attached it' }), removedAt: maybeTime,
        removedBy: z.string().nullable(), removalReason: z.string().nullable(),
      }),
    ).openapi({ description: 'the files attached to their complaints, as records (the files themselves: GET /complaints/{id}/attachments/{attachmentId})' }),
    causeCodings: z.array(
      z.object({
        subjectKind: z.string(), subjectId: z.string(), causeCode: z.string(), unknownReason: z.string().nullable(), occurredAt: time, codedAt: time,
        codedBy: z.string().openapi({ description: '`<kind>:<id>` of who coded it' }),
      }),
    ).openapi({ description: 'the root causes coded on their complaints, follow-ups and repeat contacts' }),
    caseEvents: z.array(
      z.object({
        caseId: z.string(), caseKind: z.string(), at: time, action: z.string(), fromState: z.string().nullable(), toState: z.string(), reason: z.string().nullable(),
        actorKind: z.string(), actorId: z.string(), data: z.string().nullable().openapi({ description: 'JSON: what else the change did (assignee, team, fields edited, outcome)' }),
      }),
    ),
    passkeys: z.array(
      z.object({
        id: z.string(), credentialId: z.string().openapi({ description: 'the credential’s id (base64url); the public key is not exported' }), name: z.string(),
        msisdn: z.string(), authenticator: z.string().openapi({ description: 'the authenticator’s model (AAGUID)' }), synced: z.boolean(), createdAt: time, lastUsedAt: maybeTime,
      }),
    ).openapi({ description: 'the passkeys they sign in with (docs/self-service.md, "Passkeys")' }),
    auditTrail: z.array(z.object({ at: time, actorKind: z.string(), actorId: z.string(), action: z.string(), via: z.string() })),
  })
  .openapi('CustomerExport', {
    description:
      'Everything Ecoute holds on one customer: identity, accounts, lines, contact points, consents and their changes, contacts with notes, calls, surveys, answers with comments, SMS to and from their numbers, opt-outs, the messages sent to them (notifications), the use of their lines (counters per period and every event), their bills, the changes of their plans, their devices, their complaints with the records of the files attached to them, the surveys about their handling, the root causes coded on their cases and contacts, every event of their cases, their passkeys, and who read or changed their record',
  });
export type CustomerExport = z.infer<typeof customerExport>;

/** The lists of an export, in the order the zip holds them. */
export const EXPORT_KINDS = [
  'customer', 'accounts', 'lines', 'contactPoints', 'consentChanges', 'contacts', 'calls', 'surveys', 'surveyAnswers', 'smsMessages', 'surveyReplies',
  'optOuts', 'notifications', 'usageCounters', 'usageEvents', 'bills', 'planChanges', 'devices', 'complaints', 'complaintAttachments', 'complaintSurveys', 'causeCodings', 'caseEvents', 'passkeys', 'auditTrail',
] as const satisfies readonly (keyof CustomerExport)[];

/** The outcome of an erasure: when, and how many rows each table had changed (no personal data). */
export const erasureResult = z
  .object({
    customerId: z.string(),
    erasedAt: time,
    counts: z.record(z.string(), z.number().int()).openapi({ description: 'rows changed or removed, per table' }),
  })
  .openapi('Erasure');
export type ErasureResult = z.infer<typeof erasureResult>;

/** A customer's consents now, and every change with who recorded it and how the customer told us. */
export const consents = z
  .object({
    surveys: z.boolean(),
    marketing: z.boolean(),
    history: z.array(
      z.object({
        consent: z.enum(['surveys', 'marketing']),
        from: z.boolean(),
        to: z.boolean(),
        channel,
        changedAt: time,
        changedBy: z.object({ kind: actorKind, id: z.string(), name: z.string().nullable() }),
      }),
    ).openapi({ description: 'newest first' }),
  })
  .openapi('Consents');
export type Consents = z.infer<typeof consents>;
