import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../auth/policies.js';
import { DomainError, invalid } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { LANGUAGES, type Language } from '../shared/languages.js';
import { OPERATOR_TIME_ZONE } from '../shared/local-time.js';
import { encode, nonGsmCharacters } from '../sms/encoding.js';
import type { Database, MessageChannel, MessageTemplateTable } from '../storage/schema.js';

/** A version of a template, as stored. */
export type MessageTemplate = Selectable<MessageTemplateTable>;

/**
 * The placeholders a template may use, and what each is: a text put in as given, or a date
 * (epoch ms) written in the message's language, Europe/Luxembourg (SMS: 15/08/2026, e-mail: 15 août 2026).
 * A template with any other `{name}` is refused, when it is saved and when it is rendered.
 */
export const PLACEHOLDERS = {
  /** the reference of the case the customer quotes (REC-2026-004217) */
  reference: 'text',
  /** the customer's name as the card shows it */
  customerName: 'text',
  /** when the (written) complaint was received */
  receivedDate: 'date',
  /** when the final answer was sent */
  answerDate: 'date',
  /** when an answer is due */
  dueDate: 'date',
  /** the outcome, as written for the customer */
  outcome: 'text',
  /** where a customer can leave a review */
  reviewUrl: 'text',
  /** a line's data allowance, as the plan says it (20 GB) */
  allowance: 'text',
  /** the last day of a line's billing period */
  periodEnd: 'date',
  /** the country a line roams in, named in the message's language */
  country: 'text',
  /** the price of data where a line roams (1.99 EUR/MB) */
  dataPrice: 'text',
  /** a line's spending limit on data roaming outside the EU (50 EUR) */
  limit: 'text',
} as const satisfies Record<string, 'text' | 'date'>;

export type Placeholder = keyof typeof PLACEHOLDERS;

/** The values of a message's placeholders: texts, and dates as epoch milliseconds. */
export type TemplateParams = Partial<Record<Placeholder, string | number>>;

/** An SMS notification has at most this many parts (6 GSM parts: 918 characters; UCS-2: 402). */
export const MAX_SMS_PARTS = 6;

/** The languages a message falls back to, in order, when its template has no version in the customer's. */
const FALLBACK: readonly Language[] = ['fr', 'en'];

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The placeholders a text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

const isPlaceholder = (name: string): name is Placeholder => Object.hasOwn(PLACEHOLDERS, name);

const LOCALES: Record<Language, string> = { fr: 'fr-LU', de: 'de-LU', en: 'en-GB', lb: 'lb-LU' };
const formats = new Map<string, Intl.DateTimeFormat>();

/** A date in a language: numeric for SMS (short, and no letters outside the GSM alphabet such as the û of août), long for e-mail. */
export function formatDate(ms: number, language: Language, channel: MessageChannel): string {
  const key = `${language}:${channel}`;
  let format = formats.get(key);
  if (!format) {
    const style: Intl.DateTimeFormatOptions = channel === 'sms' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : { dateStyle: 'long' };
    format = new Intl.DateTimeFormat(LOCALES[language], { ...style, timeZone: OPERATOR_TIME_ZONE });
    formats.set(key, format);
  }
  return format.format(ms);
}

/** A template refused: it cannot make the message (unknown placeholder, missing value, too long). */
const refused = (code: string, message: string, params?: Record<string, string | number>) => new DomainError(422, code, message, [], params);

/**
 * The subject and text of a message from a template version and its values. Refuses a template
 * with a placeholder that is not in PLACEHOLDERS, a value missing or of the wrong kind, and an SMS
 * of more than MAX_SMS_PARTS parts (counted with the GSM 03.38 encoder the transport uses).
 */
export function renderTemplate(
  template: Pick<MessageTemplate, 'key' | 'version' | 'channel' | 'language' | 'subject' | 'body'>,
  params: TemplateParams,
): { subject: string | null; body: string } {
  const { key, version, channel, language } = template;
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_, name: string) => {
      if (!isPlaceholder(name)) throw refused('template-placeholder-unknown', `Template ${key} v${version} uses {${name}}, which is not a placeholder`, { template: key, placeholder: name });
      const value = params[name];
      if (value === undefined) throw refused('template-value-missing', `Template ${key} v${version} needs a value for {${name}}`, { template: key, placeholder: name });
      if (PLACEHOLDERS[name] === 'date') {
        if (typeof value !== 'number' || !Number.isFinite(value)) throw refused('template-value-invalid', `{${name}} of ${key} must be a time in epoch milliseconds`, { template: key, placeholder: name });
        return formatDate(value, language, channel);
      }
      return String(value);
    });
  const body = fill(template.body);
  const subject = template.subject === null ? null : fill(template.subject);
  if (channel === 'sms') {
    const parts = encode(body).parts.length;
    if (parts > MAX_SMS_PARTS) {
      throw refused('message-too-long', `The SMS ${key} would take ${parts} parts; at most ${MAX_SMS_PARTS}: shorten the texts put in it`, { parts, max: MAX_SMS_PARTS });
    }
  }
  return { subject, body };
}

/**
 * The version a new message uses: the latest of the key and channel in `language`, else in French,
 * else in English (a Luxembourgish reader gets French, as with labels). Undefined when there is none.
 */
export async function currentTemplate(db: Kysely<Database>, key: string, channel: MessageChannel, language: Language): Promise<MessageTemplate | undefined> {
  const order = [...new Set([language, ...FALLBACK])];
  const rows = await db
    .selectFrom('message_templates')
    .selectAll()
    .where('key', '=', key)
    .where('channel', '=', channel)
    .where('language', 'in', order)
    .orderBy('version', 'desc')
    .execute();
  for (const wanted of order) {
    const found = rows.find((r) => r.language === wanted);
    if (found) return found;
  }
  return undefined;
}

/** Every version of the templates, optionally of one key, newest version first within each key, channel and language. */
export async function templateVersions(db: Kysely<Database>, key?: string): Promise<MessageTemplate[]> {
  let query = db.selectFrom('message_templates').selectAll().orderBy('key').orderBy('channel').orderBy('language').orderBy('version', 'desc');
  if (key !== undefined) query = query.where('key', '=', key);
  return query.execute();
}

/** What a template author writes. */
export interface TemplateDraft {
  key: string;
  channel: MessageChannel;
  language: Language;
  /** e-mail only */
  subject?: string | null | undefined;
  body: string;
}

const KEY = /^[a-z][a-z0-9]*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$/;

/** A value of each placeholder as long as a real one may be, to tell an author whether an SMS fits. */
const SAMPLE: Record<Placeholder, string | number> = {
  reference: 'REC-2026-004217',
  customerName: 'Marie Weber',
  receivedDate: Date.UTC(2026, 11, 24, 12),
  answerDate: Date.UTC(2026, 11, 24, 12),
  dueDate: Date.UTC(2026, 11, 24, 12),
  outcome: 'Nous avons rectifié votre facture.',
  reviewUrl: 'https://www.example.lu/avis',
  allowance: '100 GB',
  periodEnd: Date.UTC(2026, 11, 31, 12),
  country: 'Vereinigte Arabische Emirate',
  dataPrice: '1,99 EUR/MB',
  limit: '100.50 EUR',
};

/** Checks a draft: a key like `complaint.answered`, known placeholders, an e-mail subject, an SMS in GSM characters that fits. */
export function checkDraft(draft: TemplateDraft): void {
  if (!KEY.test(draft.key)) throw invalid('key', 'must be lower-case words joined by dots, such as complaint.answered');
  if (!(LANGUAGES as readonly string[]).includes(draft.language)) throw invalid('language', `must be one of ${LANGUAGES.join(', ')}`);
  const texts = [draft.body, ...(draft.subject ? [draft.subject] : [])];
  const unknown = texts.flatMap(placeholdersOf).filter((name) => !isPlaceholder(name));
  if (unknown.length > 0) {
    throw invalid('body', `uses ${unknown.map((n) => `{${n}}`).join(', ')}, which ${unknown.length > 1 ? 'are not placeholders' : 'is not a placeholder'}; placeholders: ${Object.keys(PLACEHOLDERS).map((n) => `{${n}}`).join(', ')}`);
  }
  if (draft.body.trim() === '') throw invalid('body', 'is empty');
  if (draft.channel === 'email') {
    if (!draft.subject?.trim()) throw invalid('subject', 'is required for an e-mail');
    return;
  }
  if (draft.subject) throw invalid('subject', 'is for e-mails only: an SMS has none');
  const outside = nonGsmCharacters(draft.body);
  if (outside.length > 0) throw invalid('body', `has characters outside the GSM alphabet (${outside.join(' ')}), which would send every SMS in Unicode at 70 characters a part`);
  renderTemplate({ key: draft.key, version: 0, channel: 'sms', language: draft.language, subject: null, body: draft.body }, SAMPLE);
}

/**
 * Writes the next version of a template (the first when the key, channel and language are new). A
 * version is never changed: messages keep saying which version they were rendered from.
 */
export async function addTemplateVersion(db: Kysely<Database>, draft: TemplateDraft, actor: Actor): Promise<MessageTemplate> {
  checkDraft(draft);
  return db.transaction().execute(async (trx) => {
    const latest = await trx
      .selectFrom('message_templates')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('key', '=', draft.key)
      .where('channel', '=', draft.channel)
      .where('language', '=', draft.language)
      .executeTakeFirst();
    const row: MessageTemplate = {
      id: newId(),
      key: draft.key,
      channel: draft.channel,
      language: draft.language,
      version: Number(latest?.version ?? 0) + 1,
      subject: draft.channel === 'email' ? draft.subject!.trim() : null,
      body: draft.body,
      created_at: Date.now(),
      created_by: actor.id,
    };
    await trx.insertInto('message_templates').values(row).execute();
    return row;
  });
}
