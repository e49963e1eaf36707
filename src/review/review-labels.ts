import type { EffectMeasureName, ReviewDimension } from '../contract/review.js';
import type { LabelLanguage } from '../shared/languages.js';

/** Every text of the monthly review's PDF, in French, German and English. `{x}` marks a value filled in. */
export interface ReviewLabels {
  title: string;
  audience: string;
  generated: string;
  customerBase: string;
  page: string;
  sections: { nps: string; complaints: string; topCauses: string; overdue: string; actions: string; studies: string };
  indicator: string;
  change: string;
  npsRows: { nps: string; interval: string; responses: string; promoters: string; passives: string; detractors: string };
  significant: string;
  notSignificant: string;
  unreliable: string;
  trendCaption: string;
  trendLegend: { value: string; band: string };
  significantChanges: string;
  noSignificantChange: string;
  dimensions: Record<ReviewDimension, string>;
  dimension: string;
  group: string;
  /** what separates a name from its value: " : " in French */
  colon: string;
  /** the unit of a difference between two percentages */
  percentagePoints: string;
  previous: string;
  difference: string;
  value: string;
  interval: string;
  complaintRows: { received: string; answered: string; answeredOnTime: string; acknowledgedOnTime: string; reopened: string; ratePerThousand: string };
  byCategory: string;
  category: string;
  received: string;
  share: string;
  paretoCaption: string;
  paretoLegend: { bars: string; cumulative: string; guide: string };
  paretoFirst: string;
  causeColumns: { rank: string; cause: string; department: string; complaints: string; detractors: string; repeats: string; share: string; cumulative: string; perThousand: string; refunds: string };
  overdueCounts: string;
  oldestOverdue: string;
  overdueColumns: { reference: string; kind: string; category: string; dueAt: string; days: string };
  kinds: { complaint: string; followup: string };
  actionColumns: { reference: string; title: string; causes: string; department: string; owner: string; status: string; dueAt: string; effect: string };
  effectSummary: { better: string; worse: string; none: string; pending: string; faded: string };
  effectTitle: string;
  windows: string;
  before: string;
  after: string;
  measures: Record<EffectMeasureName, string>;
  studyColumns: { study: string; firm: string; fielded: string; nps: string; interval: string; respondents: string };
  studiesNote: string;
  nothing: string;
}

const NBSP = '\u00a0';

export const REVIEW_LABELS: Record<LabelLanguage, ReviewLabels> = {
  fr: {
    title: 'Revue clients mensuelle',
    audience: 'Comité de direction',
    generated: 'Établie le {date}',
    customerBase: `Base clients : {customers} clients au {date}`,
    page: 'Page {page} sur {pages}',
    sections: {
      nps: 'Recommandation (NPS)',
      complaints: 'Réclamations',
      topCauses: 'Causes principales (Pareto)',
      overdue: 'Réclamations et suivis en retard',
      actions: "Actions d'amélioration et leur effet",
      studies: 'Études externes',
    },
    indicator: 'Indicateur',
    change: 'Évolution',
    npsRows: { nps: 'NPS', interval: 'Intervalle à 95 %', responses: 'Réponses', promoters: 'Promoteurs', passives: 'Passifs', detractors: 'Détracteurs' },
    significant: 'significative',
    notSignificant: 'non significative',
    unreliable: '* moins de réponses que le seuil de fiabilité',
    trendCaption: 'NPS sur 13 mois et son intervalle à 95 %',
    trendLegend: { value: 'NPS', band: 'intervalle à 95 %' },
    significantChanges: 'Évolutions significatives depuis le mois précédent',
    noSignificantChange: 'Aucune évolution significative depuis le mois précédent.',
    dimensions: { team: 'Équipe', site: 'Site', channel: 'Canal', segment: 'Segment', language: 'Langue', reason: 'Motif' },
    dimension: 'Dimension',
    group: 'Groupe',
    colon: ' : ',
    percentagePoints: 'pts',
    previous: 'Mois précédent',
    difference: 'Écart',
    value: 'Valeur',
    interval: 'Intervalle à 95 %',
    complaintRows: {
      received: 'Reçues',
      answered: 'Répondues',
      answeredOnTime: 'Répondues dans les délais',
      acknowledgedOnTime: 'Accusé de réception dans les délais',
      reopened: 'Rouvertes',
      ratePerThousand: `Reçues pour 1${NBSP}000 clients`,
    },
    byCategory: 'Par catégorie',
    category: 'Catégorie',
    received: 'Reçues',
    share: 'Part',
    paretoCaption: 'Pareto des causes : réclamations, détracteurs et recontacts, part cumulée',
    paretoLegend: { bars: 'cas par cause', cumulative: 'part cumulée', guide: 'repère 80 %' },
    paretoFirst: 'les {shown} premières des {count} causes',
    causeColumns: {
      rank: 'N°', cause: 'Cause', department: 'Département', complaints: 'Récl.', detractors: 'Détr.', repeats: 'Recont.',
      share: 'Part', cumulative: 'Cumul', perThousand: `/1${NBSP}000 cl.`, refunds: 'Remb. (€)',
    },
    overdueCounts: 'Au {date} : {complaints} réclamations et {followups} suivis en retard.',
    oldestOverdue: 'Les plus en retard',
    overdueColumns: { reference: 'Référence', kind: 'Type', category: 'Catégorie', dueAt: 'Échéance', days: 'Jours ouvrés de retard' },
    kinds: { complaint: 'Réclamation', followup: 'Suivi' },
    actionColumns: { reference: 'Réf.', title: 'Action', causes: 'Causes', department: 'Département', owner: 'Responsable', status: 'Statut', dueAt: 'Échéance', effect: 'Effet' },
    effectSummary: { better: 'mieux', worse: 'moins bien', none: 'sans effet net', pending: 'à mesurer', faded: 'estompé' },
    effectTitle: 'Effet mesuré',
    windows: 'Avant : {beforeFrom} – {beforeTo} · Après : {afterFrom} – {afterTo}',
    before: 'Avant',
    after: 'Après',
    measures: { complaintRate: `Réclamations pour 1${NBSP}000 clients`, nps: 'NPS', repeatRate: 'Taux de recontact' },
    studyColumns: { study: 'Étude', firm: 'Institut', fielded: 'Terrain', nps: 'NPS', interval: 'Intervalle à 95 %', respondents: 'Répondants' },
    studiesNote: 'Études relationnelles présentées à côté du NPS transactionnel, jamais fusionnées avec lui.',
    nothing: 'Rien pour ce mois.',
  },
  de: {
    title: 'Monatlicher Kundenbericht',
    audience: 'Geschäftsleitung',
    generated: 'Erstellt am {date}',
    customerBase: 'Kundenbasis: {customers} Kunden am {date}',
    page: 'Seite {page} von {pages}',
    sections: {
      nps: 'Weiterempfehlung (NPS)',
      complaints: 'Beschwerden',
      topCauses: 'Hauptursachen (Pareto)',
      overdue: 'Überfällige Beschwerden und Nachfassungen',
      actions: 'Verbesserungsmaßnahmen und ihre Wirkung',
      studies: 'Externe Studien',
    },
    indicator: 'Kennzahl',
    change: 'Veränderung',
    npsRows: { nps: 'NPS', interval: '95-%-Intervall', responses: 'Antworten', promoters: 'Promotoren', passives: 'Passive', detractors: 'Kritiker' },
    significant: 'signifikant',
    notSignificant: 'nicht signifikant',
    unreliable: '* weniger Antworten als die Zuverlässigkeitsschwelle',
    trendCaption: 'NPS über 13 Monate mit 95-%-Intervall',
    trendLegend: { value: 'NPS', band: '95-%-Intervall' },
    significantChanges: 'Signifikante Veränderungen gegenüber dem Vormonat',
    noSignificantChange: 'Keine signifikante Veränderung gegenüber dem Vormonat.',
    dimensions: { team: 'Team', site: 'Standort', channel: 'Kanal', segment: 'Segment', language: 'Sprache', reason: 'Anliegen' },
    dimension: 'Dimension',
    group: 'Gruppe',
    colon: ': ',
    percentagePoints: 'Pp.',
    previous: 'Vormonat',
    difference: 'Differenz',
    value: 'Wert',
    interval: '95-%-Intervall',
    complaintRows: {
      received: 'Eingegangen',
      answered: 'Beantwortet',
      answeredOnTime: 'Fristgerecht beantwortet',
      acknowledgedOnTime: 'Fristgerecht bestätigt',
      reopened: 'Wiedereröffnet',
      ratePerThousand: 'Eingegangen je 1.000 Kunden',
    },
    byCategory: 'Nach Kategorie',
    category: 'Kategorie',
    received: 'Eingegangen',
    share: 'Anteil',
    paretoCaption: 'Pareto der Ursachen: Beschwerden, Kritiker und Wiederholkontakte, kumulierter Anteil',
    paretoLegend: { bars: 'Fälle je Ursache', cumulative: 'kumulierter Anteil', guide: '80-%-Linie' },
    paretoFirst: 'die ersten {shown} von {count} Ursachen',
    causeColumns: {
      rank: 'Nr.', cause: 'Ursache', department: 'Abteilung', complaints: 'Beschw.', detractors: 'Krit.', repeats: 'Wiederh.',
      share: 'Anteil', cumulative: 'Kumul.', perThousand: '/1.000 Kd.', refunds: 'Erstatt. (€)',
    },
    overdueCounts: 'Am {date}: {complaints} Beschwerden und {followups} Nachfassungen überfällig.',
    oldestOverdue: 'Am längsten überfällig',
    overdueColumns: { reference: 'Referenz', kind: 'Art', category: 'Kategorie', dueAt: 'Fällig', days: 'Arbeitstage überfällig' },
    kinds: { complaint: 'Beschwerde', followup: 'Nachfassung' },
    actionColumns: { reference: 'Ref.', title: 'Maßnahme', causes: 'Ursachen', department: 'Abteilung', owner: 'Verantwortlich', status: 'Status', dueAt: 'Fällig', effect: 'Wirkung' },
    effectSummary: { better: 'besser', worse: 'schlechter', none: 'keine klare Wirkung', pending: 'noch zu messen', faded: 'nachgelassen' },
    effectTitle: 'Gemessene Wirkung',
    windows: 'Vorher: {beforeFrom} – {beforeTo} · Nachher: {afterFrom} – {afterTo}',
    before: 'Vorher',
    after: 'Nachher',
    measures: { complaintRate: 'Beschwerden je 1.000 Kunden', nps: 'NPS', repeatRate: 'Wiederholkontaktquote' },
    studyColumns: { study: 'Studie', firm: 'Institut', fielded: 'Feldzeit', nps: 'NPS', interval: '95-%-Intervall', respondents: 'Befragte' },
    studiesNote: 'Relationale Studien neben dem transaktionalen NPS gezeigt, nie mit ihm verrechnet.',
    nothing: 'Nichts in diesem Monat.',
  },
  en: {
    title: 'Monthly customer review',
    audience: 'Management committee',
    generated: 'Generated on {date}',
    customerBase: 'Customer base: {customers} customers on {date}',
    page: 'Page {page} of {pages}',
    sections: {
      nps: 'Recommendation (NPS)',
      complaints: 'Complaints',
      topCauses: 'Top causes (Pareto)',
      overdue: 'Overdue complaints and follow-ups',
      actions: 'Improvement actions and their effect',
      studies: 'External studies',
    },
    indicator: 'Indicator',
    change: 'Change',
    npsRows: { nps: 'NPS', interval: '95% interval', responses: 'Responses', promoters: 'Promoters', passives: 'Passives', detractors: 'Detractors' },
    significant: 'significant',
    notSignificant: 'not significant',
    unreliable: '* fewer responses than the reliability threshold',
    trendCaption: 'NPS over 13 months with its 95% interval',
    trendLegend: { value: 'NPS', band: '95% interval' },
    significantChanges: 'Significant changes since the previous month',
    noSignificantChange: 'No significant change since the previous month.',
    dimensions: { team: 'Team', site: 'Site', channel: 'Channel', segment: 'Segment', language: 'Language', reason: 'Reason' },
    dimension: 'Dimension',
    group: 'Group',
    colon: ': ',
    percentagePoints: 'pp',
    previous: 'Previous month',
    difference: 'Difference',
    value: 'Value',
    interval: '95% interval',
    complaintRows: {
      received: 'Received',
      answered: 'Answered',
      answeredOnTime: 'Answered on time',
      acknowledgedOnTime: 'Acknowledged on time',
      reopened: 'Reopened',
      ratePerThousand: 'Received per 1,000 customers',
    },
    byCategory: 'By category',
    category: 'Category',
    received: 'Received',
    share: 'Share',
    paretoCaption: 'Pareto of causes: complaints, detractors and repeat contacts, cumulative share',
    paretoLegend: { bars: 'cases per cause', cumulative: 'cumulative share', guide: '80% guide' },
    paretoFirst: 'the first {shown} of {count} causes',
    causeColumns: {
      rank: 'No.', cause: 'Cause', department: 'Department', complaints: 'Compl.', detractors: 'Detr.', repeats: 'Repeats',
      share: 'Share', cumulative: 'Cum.', perThousand: '/1,000 cust.', refunds: 'Refunds (€)',
    },
    overdueCounts: 'On {date}: {complaints} complaints and {followups} follow-ups overdue.',
    oldestOverdue: 'Longest overdue',
    overdueColumns: { reference: 'Reference', kind: 'Kind', category: 'Category', dueAt: 'Due', days: 'Business days overdue' },
    kinds: { complaint: 'Complaint', followup: 'Follow-up' },
    actionColumns: { reference: 'Ref.', title: 'Action', causes: 'Causes', department: 'Department', owner: 'Owner', status: 'Status', dueAt: 'Due', effect: 'Effect' },
    effectSummary: { better: 'better', worse: 'worse', none: 'no clear effect', pending: 'to be measured', faded: 'faded' },
    effectTitle: 'Measured effect',
    windows: 'Before: {beforeFrom} – {beforeTo} · After: {afterFrom} – {afterTo}',
    before: 'Before',
    after: 'After',
    measures: { complaintRate: 'Complaints per 1,000 customers', nps: 'NPS', repeatRate: 'Repeat-contact rate' },
    studyColumns: { study: 'Study', firm: 'Firm', fielded: 'Fielded', nps: 'NPS', interval: '95% interval', respondents: 'Respondents' },
    studiesNote: 'Relational studies shown beside the transactional NPS, never merged into it.',
    nothing: 'Nothing this month.',
  },
};

/** A label with its `{name}` placeholders filled in. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
