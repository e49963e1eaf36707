import type { Kysely } from 'kysely';
import { enqueueMany } from '../jobs/outbox.js';
import { chunks, inChunks } from '../shared/batches.js';
import { DomainError, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Database, NotificationStatus, NotificationTable } from '../storage/schema.js';
import { destinationOf, type Destination, type Notified, type NotifyRequest } from './notify.js';
import { currentTemplate, renderTemplate, type MessageTemplate } from './templates.js';

/**
 * notify() for many messages at once, in the caller's transaction (a batch of usage can call for
 * hundreds of alerts): the same rules and the same rows, message by message in the order asked, with
 * what they read looked up once for all (the notifications already written, the customers, the
 * templates) and the rows written by multi-row statements. Each request is answered on its own: its
 * notification written, or found written already (also by an earlier request of the same call), or a
 * DomainError where notify() throws one (nothing written for it: the others go on).
 */
export async function notifyMany(db: Kysely<Database>, requests: readonly NotifyRequest[], now = Date.now()): Promise<(Notified | DomainError)[]> {
  if (requests.length === 0) return [];
  const keyOf = (refType: string, refId: string, templateKey: string, occasion: string) => `${refType}\u001f${refId}\u001f${templateKey}\u001f${occasion}`;
  const existing = await writtenAlready(db, requests, keyOf);
  const parties = new Map(
    (await inChunks([...new Set(requests.map((r) => r.customerId))], (ids) => db.selectFrom('parties').select(['id', 'preferred_language', 'erased_at']).where('id', 'in', ids).execute())).map((p) => [p.id, p]),
  );
  const templates = new Map<string, Promise<MessageTemplate | undefined>>();
  const answers: (Notified | DomainError)[] = [];
  const rows: NotificationTable[] = [];
  /** the place of each new row's request among the answers */
  const places: number[] = [];
  for (const request of requests) {
    const key = keyOf(request.refType, request.refId, request.templateKey, request.occasion ?? '');
    const found = existing.get(key);
    if (found) {
      answers.push({ id: found.id, created: false, status: found.status });
      continue;
    }
    try {
      const party = parties.get(request.customerId);
      if (!party) throw notFound(`No customer ${request.customerId}`);
      const destination: Destination =
        party.erased_at !== null ? { channel: request.channel === 'email' ? 'email' : 'sms', missing: "the customer's personal data was erased" } : await destinationOf(db, request);
      const language = request.language ?? party.preferred_language;
      const templateKey = `${request.templateKey}\u001f${destination.channel}\u001f${language}`;
      if (!templates.has(templateKey)) templates.set(templateKey, currentTemplate(db, request.templateKey, destination.channel, language));
      const template = await templates.get(templateKey)!;
      if (!template) {
        throw new DomainError(422, 'template-missing', `There is no ${destination.channel} template ${request.templateKey}`, [], { template: request.templateKey, channel: destination.channel });
      }
      const { subject, body } = renderTemplate(template, request.params);
      const status: NotificationStatus = 'missing' in destination ? 'failed' : 'queued';
      const row: NotificationTable = {
        id: newId(), class: request.class, channel: destination.channel, template_id: template.id, template_key: template.key, template_version: template.version,
        language: template.language, party_id: request.customerId, recipient: 'recipient' in destination ? destination.recipient : '', subject, body,
        ref_type: request.refType, ref_id: request.refId, occasion: request.occasion ?? '', status, reason: 'missing' in destination ? destination.missing : null,
        next_attempt_at: null, sms_id: null, email_id: null, created_at: now, updated_at: now, released_at: null,
      };
      rows.push(row);
      places.push(answers.length);
      answers.push({ id: row.id, created: true, status });
      // a second request for the same message finds this one
      existing.set(key, { id: row.id, status });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      answers.push(error);
    }
  }
  await writeRows(db, rows, places, answers, keyOf);
  const queued = rows.filter((row, i) => row.status === 'queued' && (answers[places[i]!] as Notified).created);
  await enqueueMany(db, queued.map((row) => ({ topic: 'notification.send' as const, refId: row.id, runAfter: now })));
  return answers;
}

type KeyOf = (refType: string, refId: string, templateKey: string, occasion: string) => string;

/** The notifications already written for these requests' matters, by their key. */
async function writtenAlready(db: Kysely<Database>, requests: readonly NotifyRequest[], keyOf: KeyOf): Promise<Map<string, { id: string; status: NotificationStatus }>> {
  const found = new Map<string, { id: string; status: NotificationStatus }>();
  const wanted = new Set(requests.map((r) => keyOf(r.refType, r.refId, r.templateKey, r.occasion ?? '')));
  for (const refType of new Set(requests.map((r) => r.refType))) {
    const rows = await inChunks([...new Set(requests.filter((r) => r.refType === refType).map((r) => r.refId))], (ids) =>
      db.selectFrom('notifications').select(['id', 'status', 'ref_type', 'ref_id', 'template_key', 'occasion']).where('ref_type', '=', refType).where('ref_id', 'in', ids)
        .where('template_key', 'in', [...new Set(requests.map((r) => r.templateKey))]).execute(),
    );
    for (const r of rows) {
      const key = keyOf(r.ref_type, r.ref_id, r.template_key, r.occasion);
      if (wanted.has(key)) found.set(key, { id: r.id, status: r.status });
    }
  }
  return found;
}

/**
 * Inserts the rows; one another transaction wrote meanwhile (PostgreSQL) is not inserted, and its
 * request is answered with that notification, as notify() answers it.
 */
async function writeRows(db: Kysely<Database>, rows: NotificationTable[], places: number[], answers: (Notified | DomainError)[], keyOf: KeyOf): Promise<void> {
  const inserted = new Set<string>();
  for (const part of chunks(rows, 100)) {
    const done = await db.insertInto('notifications').values(part).onConflict((oc) => oc.columns(['ref_type', 'ref_id', 'template_key', 'occasion']).doNothing()).returning('id').execute();
    for (const r of done) inserted.add(r.id);
  }
  const lost = rows.flatMap((row, i) => (inserted.has(row.id) ? [] : [{ row, place: places[i]! }]));
  if (lost.length === 0) return;
  const other = await writtenAlready(db, lost.map(({ row }) => ({ refType: row.ref_type, refId: row.ref_id, templateKey: row.template_key, occasion: row.occasion }) as NotifyRequest), keyOf);
  for (const { row, place } of lost) {
    const found = other.get(keyOf(row.ref_type, row.ref_id, row.template_key, row.occasion))!;
    answers[place] = { id: found.id, created: false, status: found.status };
  }
}
