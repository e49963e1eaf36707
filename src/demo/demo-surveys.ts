import type { Insertable, Kysely } from 'kysely';
import { basisKey } from '../nps/basis.js';
import { CountsBatch, type SurveyFact } from '../nps/counts-batch.js';
import { keysOf } from '../nps/dimensions.js';
import { categoryOf } from '../nps/statistics.js';
import { newId } from '../shared/ids.js';
import { bulkWriter, type BulkWriter } from '../storage/bulk.js';
import type { Storage } from '../storage/database.js';
import type { Database, Flag, Language, SurveyResponseTable } from '../storage/schema.js';
import { getVersion, surveyMessage, surveyText } from '../surveys/survey-definitions.js';
import { analyseText } from '../text/index.js';
import { Random, Weighted } from './random.js';

const MINUTE = 60_000;

/** Verbatims as customers write them, per language, by mood: every topic of the taxonomy comes up. */
const COMMENTS: Record<Language, { happy: string[]; unhappy: string[] }> = {
  fr: {
    happy: [
      'conseiller très aimable', 'rapide et efficace, merci', 'problème réglé du premier coup', 'super accueil en boutique', 'très professionnel',
      'la facture est enfin claire, merci', 'activation du roaming faite en deux minutes', 'mon nouveau téléphone est arrivé le lendemain',
      'portabilité du numéro sans souci', "l'appli est pratique pour suivre ma conso", 'pas d’attente, parfait',
    ],
    unhappy: [
      'trop d’attente au téléphone', 'toujours pas de réseau chez moi', 'facture incompréhensible', 'pas content du tout', 'on m’a transféré trois fois',
      'frais de roaming injustifiés en Suisse', 'écran cassé et réparation trop longue', 'résiliation du contrat impossible à obtenir',
      "l'appli plante à chaque connexion", 'trop cher pour ce que c’est', 'conseiller pas aimable du tout', 'en boutique personne ne savait répondre',
    ],
  },
  de: {
    happy: [
      'sehr freundlich', 'schnell geholfen, danke', 'alles geklärt', 'kompetente Beratung', 'Roaming sofort freigeschaltet',
      'neues Handy schnell geliefert', 'Rufnummernmitnahme ohne Probleme', 'die App funktioniert super',
    ],
    unhappy: [
      'zu lange Wartezeit', 'nicht zufrieden', 'Rechnung immer noch falsch', 'Netz ist weiterhin schlecht', 'Roaminggebühren viel zu hoch',
      'Handy kaputt und keiner hilft', 'Vertrag wurde ohne Rückfrage verlängert', 'der Berater war unfreundlich', 'viel zu teuer', 'im Shop nur Warteschlange',
    ],
  },
  en: {
    happy: [
      'very helpful advisor', 'quick and friendly', 'sorted in one call', 'great service', 'roaming activated in minutes',
      'new phone delivered next day', 'number transfer went smoothly', 'the app makes it easy',
    ],
    unhappy: [
      'waited far too long', 'roaming charges still wrong', 'not happy at all', 'nobody called me back', 'no signal at home for weeks',
      'bill is double what I expected', 'screen repair took a month', 'cannot cancel my contract', 'the website login never works', 'far too expensive',
    ],
  },
  lb: {
    happy: [
      'ganz frëndlech', 'séier gehollef, merci', 'alles an der Rei', 'top Service', 'Roaming direkt aktivéiert',
      'neien Handy séier kritt', 'd’App ass super praktesch',
    ],
    unhappy: [
      'ze laang gewaart', 'net zefridden', 'Rechnung ass ëmmer nach falsch', 'keen Netz doheem', 'ze deier',
      'de Beroder war net frëndlech', 'Handy futti an keng Hëllef', 'am Shop huet keen eppes gewosst',
    ],
  },
};

/** Scores of customers whose request was settled, and of those who had to come back or were not helped. */
const SETTLED = new Weighted<number>([[10, 34], [9, 26], [8, 18], [7, 9], [6, 5], [5, 3], [4, 2], [3, 1], [2, 1], [1, 1]]);
const UNSETTLED = new Weighted<number>([[10, 6], [9, 6], [8, 10], [7, 14], [6, 14], [5, 14], [4, 10], [3, 10], [2, 7], [1, 9]]);

export interface DemoSurveyOptions {
  seed: number;
  now?: number;
  /** share of the phone contacts that were surveyed */
  surveyedShare?: number;
  /** share of the surveys that got an answer */
  responseShare?: number;
}

/**
 * The survey history of the demo: for past phone contacts, decisions (surveyed or not sampled),
 * the surveys sent 15 minutes after the call, the replies and the responses, with scores that
 * follow whether the contact was settled. Same seed, same history.
 */
export async function loadDemoSurveys(storage: Storage, options: DemoSurveyOptions): Promise<{ surveys: number; responses: number }> {
  const { db } = storage;
  const now = options.now ?? Date.now();
  const rng = new Random(options.seed * 7919 + 17);
  const definition = await db.selectFrom('survey_definitions').select(['current_version_id']).where('purpose', '=', 'contact').orderBy('created_at').executeTakeFirst();
  if (!definition?.current_version_id) return { surveys: 0, responses: 0 };
  const version = await getVersion(db, definition.current_version_id);
  const contacts = await db
    .selectFrom('interactions')
    .innerJoin('parties', 'parties.id', 'interactions.party_id')
    .leftJoin('accounts', 'accounts.id', 'interactions.account_id')
    .select([
      'interactions.id', 'interactions.party_id', 'interactions.started_at', 'interactions.ended_at', 'interactions.advisor_id',
      'interactions.team_id', 'interactions.site_id', 'interactions.reason_code', 'interactions.resolved', 'interactions.next_contact_at',
      'parties.preferred_language', 'accounts.segment',
      (eb) =>
        eb
          .selectFrom('lines')
          .innerJoin('accounts', 'accounts.id', 'lines.account_id')
          .select((e) => e.fn.min('lines.msisdn').as('m'))
          .whereRef('accounts.party_id', '=', 'interactions.party_id')
          .where('lines.kind', '=', 'mobile')
          .as('msisdn'),
    ])
    .where('interactions.channel', '=', 'phone')
    .where('interactions.ended_at', '<', now - 4 * 3_600_000)
    .orderBy('interactions.started_at')
    .orderBy('interactions.id')
    .execute();

  const decisions: Insertable<Database['survey_decisions']>[] = [];
  const surveys: Insertable<Database['surveys']>[] = [];
  const messages: Insertable<Database['sms_messages']>[] = [];
  const responses: Insertable<SurveyResponseTable>[] = [];
  const replies: Insertable<Database['survey_replies']>[] = [];
  const counts = new CountsBatch();
  const basis = basisKey({ scaleMin: version.scale.min, scaleMax: version.scale.max, promoterMin: version.promoterMin, detractorMax: version.detractorMax });
  const surveyedShare = options.surveyedShare ?? 0.8;
  const responseShare = options.responseShare ?? 0.42;
  for (const c of contacts) {
    if (c.ended_at === null) continue;
    if (!c.msisdn) {
      decisions.push({ interaction_id: c.id, decided_at: c.ended_at, outcome: 'skipped', reason: 'no_mobile', survey_id: null, rules_id: null });
      continue;
    }
    if (!rng.chance(surveyedShare)) {
      decisions.push({ interaction_id: c.id, decided_at: c.ended_at, outcome: 'skipped', reason: rng.chance(0.8) ? 'sampling' : 'quarantine', survey_id: null, rules_id: null });
      continue;
    }
    const surveyId = newId();
    const language = c.preferred_language;
    const sentAt = c.ended_at + 15 * MINUTE;
    const answered = rng.chance(responseShare);
    const receivedAt = sentAt + Math.round(rng.between(1, 180)) * MINUTE;
    decisions.push({ interaction_id: c.id, decided_at: c.ended_at, outcome: 'survey', reason: 'eligible', survey_id: surveyId, rules_id: null });
    const survey = {
      id: surveyId, interaction_id: c.id, party_id: c.party_id, version_id: version.id, msisdn: c.msisdn, language,
      status: answered ? ('answered' as const) : ('sent' as const), send_after: sentAt, sent_at: sentAt, open_until: sentAt + 72 * 3_600_000,
      clarifications: 0, advisor_id: c.advisor_id, team_id: c.team_id, site_id: c.site_id, channel: 'phone' as const, reason_code: c.reason_code,
      segment: c.segment ?? 'residential', contact_started_at: c.started_at, last_error: null, created_at: c.ended_at,
    };
    surveys.push(survey);
    const fact: SurveyFact = { contactStartedAt: c.started_at, keys: keysOf(survey), basis, sent: 1, unparsed: 0, score: null, resolved: null, topics: [] };
    messages.push({
      id: newId(), survey_id: surveyId, direction: 'out', purpose: 'survey', msisdn: c.msisdn, text: surveyMessage(version, language),
      status: 'delivered', encoding: null, parts: null, gateway_ids: null, error: null, attempts: 1, created_at: sentAt, updated_at: sentAt + 5000,
    });
    if (!answered) {
      counts.add(fact);
      continue;
    }
    const settled = c.resolved === 1 && c.next_contact_at === null;
    const score = (settled ? SETTLED : UNSETTLED).pick(rng);
    const category = categoryOf(score, version);
    const withComment = rng.chance(0.45);
    const comment = withComment ? rng.pick(COMMENTS[language][category === 'promoter' ? 'happy' : 'unhappy']) : null;
    const text = comment ? `${score} ${comment}` : String(score);
    const analysis = comment ? analyseText(comment, { languageHint: language }) : null;
    counts.add({ ...fact, score, topics: analysis?.topics ?? [] });
    messages.push({
      id: newId(), survey_id: null, direction: 'in', purpose: 'reply', msisdn: c.msisdn, text, status: 'received',
      encoding: null, parts: null, gateway_ids: null, error: null, attempts: 0, created_at: receivedAt, updated_at: receivedAt,
    });
    messages.push({
      id: newId(), survey_id: surveyId, direction: 'out', purpose: 'thanks', msisdn: c.msisdn, text: surveyText(version, language, 'thanks'),
      status: 'delivered', encoding: null, parts: null, gateway_ids: null, error: null, attempts: 1, created_at: receivedAt, updated_at: receivedAt + 5000,
    });
    replies.push({
      id: newId(), survey_id: surveyId, msisdn: c.msisdn, text, received_at: receivedAt, outcome: 'answer',
      parse: JSON.stringify({ kind: 'answer', score, resolved: null, comment, language: comment ? language : null }),
    });
    responses.push({
      id: newId(), survey_id: surveyId, interaction_id: c.id, party_id: c.party_id, version_id: version.id, score,
      scale_min: version.scale.min, scale_max: version.scale.max, promoter_min: version.promoterMin, detractor_max: version.detractorMax,
      category, resolved: null as Flag | null, comment, language: analysis?.language ?? null, sent_at: sentAt, received_at: receivedAt,
      advisor_id: c.advisor_id, team_id: c.team_id, site_id: c.site_id, channel: 'phone', reason_code: c.reason_code,
      interaction_started_at: c.started_at, sentiment: analysis?.sentiment.score ?? null,
      topics: analysis ? JSON.stringify(analysis.topics) : null,
    });
  }
  await db.transaction().execute(async (trx) => {
    const writer = bulkWriter(storage, trx);
    queue(writer, 'survey_decisions', decisions);
    queue(writer, 'surveys', surveys);
    queue(writer, 'sms_messages', messages);
    queue(writer, 'survey_replies', replies);
    queue(writer, 'survey_responses', responses);
    await writer.flush();
    await counts.write(trx);
  });
  return { surveys: surveys.length, responses: responses.length };
}

function queue<T extends keyof Database>(writer: BulkWriter, table: T, rows: Insertable<Database[T]>[]): void {
  for (const row of rows) writer.insert(table, row);
}
