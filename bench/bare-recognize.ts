/**
 * The recognition card of src/customers/customer-service.ts (recognizeByPhone → findByPhone,
 * getCustomerCard, interactionRows, auditCustomerRead) assembled with bare better-sqlite3 prepared
 * statements: the same queries (last survey answer included), the same audit insert, and the rows made
 * into the card by the product's own `customerCard`, so the same answer (bench/run.ts checks it on 200
 * numbers before measuring).
 * It is the floor the Kysely implementation is compared with.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { Actor } from '../src/auth/policies.js';
import { customerCard, RECENT_CONTACTS_CAP, type CardRows, type CustomerCard } from '../src/customers/customer-service.js';
import { normalizePhone } from '../src/shared/phone.js';
import type { Language } from '../src/storage/schema.js';

const DAY_MS = 86_400_000;

const LABEL = { fr: 'label_fr', de: 'label_de', en: 'label_en', lb: 'label_fr' } as const;

export type BareRecognize = (
  rawPhone: string,
  actor: Actor,
  options: { language: Language; fcrWindowDays: number; now?: number },
) => { phone: string; matchedBy: 'line' | 'contact_point'; card: CustomerCard; otherMatches: unknown[] } | undefined;

export function bareRecognizer(handle: SqliteDatabase.Database): BareRecognize {
  const lineOwner = handle.prepare(
    'select accounts.party_id from lines inner join accounts on accounts.id = lines.account_id where lines.msisdn = ? limit 1',
  );
  const phoneOwners = handle.prepare("select party_id from contact_points where value = ? and kind = 'phone' limit 10");
  const party = handle.prepare('select * from parties where id = ?');
  const accounts = handle.prepare(
    `select accounts.id, accounts.account_number, accounts.segment, accounts.status, accounts.account_manager_id,
            users.display_name as manager_name, users.email as manager_email
       from accounts left join users on users.id = accounts.account_manager_id
      where accounts.party_id = ? order by accounts.created_at`,
  );
  const lines = handle.prepare(
    `select lines.account_id, lines.msisdn, lines.kind, lines.plan, lines.status
       from lines inner join accounts on accounts.id = lines.account_id
      where accounts.party_id = ? order by lines.activated_at`,
  );
  const contactPoints = handle.prepare(
    'select kind, value, is_primary from contact_points where party_id = ? order by kind, is_primary desc',
  );
  const interactionsByLanguage = new Map<Language, SqliteDatabase.Statement>();
  const interactions = (language: Language) => {
    let statement = interactionsByLanguage.get(language);
    if (!statement) {
      statement = handle.prepare(
        `select interactions.id, interactions.external_id, interactions.channel, interactions.direction, interactions.reason_code,
                reasons.${LABEL[language]} as reason_label, interactions.started_at, interactions.ended_at,
                interactions.advisor_id, users.display_name as advisor_name, interactions.team_id, teams.name as team_name,
                interactions.site_id, sites.name as site_name, interactions.outcome, interactions.resolved,
                interactions.repeat_of, interactions.next_contact_at, interactions.recording_ref, interactions.notes
           from interactions
           left join reasons on reasons.code = interactions.reason_code
           left join users on users.id = interactions.advisor_id
           left join teams on teams.id = interactions.team_id
           left join sites on sites.id = interactions.site_id
          where interactions.party_id = ?
          order by interactions.started_at desc, interactions.id desc
          limit ?`,
      );
      interactionsByLanguage.set(language, statement);
    }
    return statement;
  };
  const recent = handle.prepare('select count(*) as n from (select id from interactions where party_id = ? and started_at >= ? and started_at <= ? limit ?)');
  const lastResponse = handle.prepare(
    `select score, scale_min, scale_max, category, resolved, comment, received_at, interaction_id
       from survey_responses where party_id = ? order by received_at desc limit ?`,
  );
  const audit = handle.prepare('insert into audit_log (at, actor_kind, actor_id, action, party_id, via) values (?, ?, ?, ?, ?, ?)');

  return (rawPhone, actor, options) => {
    const parsed = normalizePhone(rawPhone);
    if (!parsed.ok) return undefined;
    let partyId: string;
    let matchedBy: 'line' | 'contact_point';
    const owner = lineOwner.get(parsed.e164) as { party_id: string } | undefined;
    if (owner) {
      partyId = owner.party_id;
      matchedBy = 'line';
    } else {
      const owners = [...new Set((phoneOwners.all(parsed.e164) as { party_id: string }[]).map((r) => r.party_id))];
      if (owners.length === 0) return undefined;
      partyId = owners[0] as string;
      matchedBy = 'contact_point';
      if (owners.length > 1) throw new Error('shared numbers are not part of the benchmark');
    }
    const now = options.now ?? Date.now();
    const partyRow = party.get(partyId) as CardRows['party'];
    const accountRows = accounts.all(partyId) as CardRows['accounts'];
    const rows: CardRows = {
      party: partyRow,
      accounts: accountRows,
      lines: accountRows.length ? (lines.all(partyId) as CardRows['lines']) : [],
      contactPoints: contactPoints.all(partyId) as CardRows['contactPoints'],
      interactions: interactions(options.language).all(partyId, 20) as CardRows['interactions'],
      recentContacts: (recent.get(partyId, now - options.fcrWindowDays * DAY_MS, now, RECENT_CONTACTS_CAP) as { n: number }).n,
      lastResponse: lastResponse.get(partyId, 1) as CardRows['lastResponse'],
    };
    audit.run(Date.now(), actor.kind, actor.id, 'customer.read', partyId, 'recognize');
    const card = customerCard(rows, { fcrWindowDays: options.fcrWindowDays, now });
    return { phone: parsed.e164, matchedBy, card, otherMatches: [] };
  };
}
