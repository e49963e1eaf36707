/**
 * The recognition card of src/customers/customer-service.ts (recognizeByPhone → findByPhone,
 * getCustomerCard, listInteractions, auditCustomerRead) assembled with bare better-sqlite3 prepared
 * statements: the same queries in the same order (last survey answer included), the same audit insert,
 * the same answer (bench/run.ts checks it on 200 numbers before measuring).
 * It is the floor the Kysely implementation is compared with.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { Actor } from '../src/auth/policies.js';
import type { CustomerCard } from '../src/customers/customer-service.js';
import { normalizePhone } from '../src/shared/phone.js';
import { fcrStatus } from '../src/interactions/fcr.js';
import type { Flag, Language } from '../src/storage/schema.js';

const DAY_MS = 86_400_000;

interface PartyRow {
  id: string;
  customer_number: string;
  kind: 'individual' | 'organisation';
  given_name: string | null;
  family_name: string | null;
  organisation_name: string | null;
  display_name: string;
  preferred_language: Language;
  consent_surveys: Flag;
  consent_marketing: Flag;
  created_at: number;
}

interface InteractionRow {
  id: string;
  external_id: string | null;
  channel: CustomerCard['interactions'][number]['channel'];
  direction: CustomerCard['interactions'][number]['direction'];
  reason_code: string | null;
  reason_label: string | null;
  started_at: number;
  ended_at: number | null;
  advisor_id: string | null;
  advisor_name: string | null;
  team_id: string | null;
  team_name: string | null;
  site_id: string | null;
  site_name: string | null;
  outcome: string | null;
  resolved: Flag | null;
  repeat_of: string | null;
  next_contact_at: number | null;
  recording_ref: string | null;
  notes: string | null;
}

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
  const linesByAccount = new Map<number, SqliteDatabase.Statement>();
  const lines = (count: number) => {
    let statement = linesByAccount.get(count);
    if (!statement) {
      statement = handle.prepare(
        `select account_id, msisdn, kind, plan, status from lines where account_id in (${Array(count).fill('?').join(', ')}) order by activated_at`,
      );
      linesByAccount.set(count, statement);
    }
    return statement;
  };
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
  const recent = handle.prepare('select count(*) as n from interactions where party_id = ? and started_at >= ? and started_at <= ?');
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
    const p = party.get(partyId) as PartyRow;
    const accountRows = accounts.all(partyId) as {
      id: string;
      account_number: string;
      segment: 'residential' | 'business';
      status: string;
      account_manager_id: string | null;
      manager_name: string | null;
      manager_email: string | null;
    }[];
    const lineRows = accountRows.length
      ? (lines(accountRows.length).all(...accountRows.map((a) => a.id)) as {
          account_id: string;
          msisdn: string;
          kind: 'mobile' | 'landline';
          plan: string;
          status: string;
        }[])
      : [];
    const pointRows = contactPoints.all(partyId) as { kind: 'phone' | 'email'; value: string; is_primary: Flag }[];
    const interactionRows = interactions(options.language).all(partyId, 20) as InteractionRow[];
    const { n } = recent.get(partyId, now - options.fcrWindowDays * DAY_MS, now) as { n: number };
    const survey = lastResponse.get(partyId, 1) as
      | {
          score: number | null;
          scale_min: number;
          scale_max: number;
          category: 'promoter' | 'passive' | 'detractor' | null;
          resolved: Flag | null;
          comment: string | null;
          received_at: number;
          interaction_id: string;
        }
      | undefined;
    audit.run(Date.now(), actor.kind, actor.id, 'customer.read', partyId, 'recognize');

    const business = accountRows.some((a) => a.segment === 'business');
    const card: CustomerCard = {
      customer: {
        id: p.id,
        customerNumber: p.customer_number,
        kind: p.kind,
        displayName: p.display_name,
        givenName: p.given_name,
        familyName: p.family_name,
        organisationName: p.organisation_name,
        preferredLanguage: p.preferred_language,
        consents: { surveys: p.consent_surveys === 1, marketing: p.consent_marketing === 1 },
        customerSince: new Date(p.created_at).toISOString(),
      },
      segment: business ? 'business' : 'residential',
      accounts: accountRows.map((a) => ({
        id: a.id,
        accountNumber: a.account_number,
        segment: a.segment,
        status: a.status,
        accountManager: a.account_manager_id
          ? { id: a.account_manager_id, name: a.manager_name ?? '', email: a.manager_email ?? '' }
          : null,
        lines: lineRows
          .filter((l) => l.account_id === a.id)
          .map((l) => ({ msisdn: l.msisdn, kind: l.kind, plan: l.plan, status: l.status })),
      })),
      contactPoints: pointRows.map((c) => ({ kind: c.kind, value: c.value, primary: c.is_primary === 1 })),
      interactions: interactionRows.map((row) => ({
        id: row.id,
        externalId: row.external_id,
        channel: row.channel,
        direction: row.direction,
        reason: row.reason_code ? { code: row.reason_code, label: row.reason_label ?? row.reason_code } : null,
        startedAt: new Date(row.started_at).toISOString(),
        endedAt: row.ended_at === null ? null : new Date(row.ended_at).toISOString(),
        durationSeconds: row.ended_at === null ? null : Math.round((row.ended_at - row.started_at) / 1000),
        advisor: row.advisor_id ? { id: row.advisor_id, name: row.advisor_name ?? '' } : null,
        team: row.team_id ? { id: row.team_id, name: row.team_name ?? '' } : null,
        site: row.site_id ? { id: row.site_id, name: row.site_name ?? '' } : null,
        outcome: row.outcome,
        resolved: row.resolved === null ? null : row.resolved === 1,
        fcr: fcrStatus(row, options.fcrWindowDays, now),
        repeat: row.repeat_of !== null,
        recordingRef: row.recording_ref,
        notes: row.notes,
      })),
      flags: { repeatContact: n > 0, recentContacts: n, windowDays: options.fcrWindowDays, businessAccount: business },
      lastSurvey: survey
        ? {
            score: survey.score,
            scale: { min: survey.scale_min, max: survey.scale_max },
            category: survey.category,
            resolved: survey.resolved === null ? null : survey.resolved === 1,
            comment: survey.comment,
            receivedAt: new Date(survey.received_at).toISOString(),
            interactionId: survey.interaction_id,
          }
        : null,
    };
    return { phone: parsed.e164, matchedBy, card, otherMatches: [] };
  };
}
