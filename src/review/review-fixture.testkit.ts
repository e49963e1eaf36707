import type { EffectMeasure, MonthlyReview, ReviewAction, ReviewCause } from '../contract/review.js';
import type { LabelLanguage } from '../shared/languages.js';

/**
 * A monthly review of November 2026 written by hand: a year of NPS counts whose figures were worked
 * out with the adjusted-Wald interval (src/nps/statistics.ts), complaints with Wilson intervals, a
 * Pareto of twelve causes whose shares follow from their totals, four actions, two studies. Labels
 * are in the language asked for, as the API would give them.
 */

type Texts = Record<LabelLanguage, string>;
const t = (fr: string, de: string, en: string): Texts => ({ fr, de, en });

/** Pareto rows from their counts: total, share and cumulative share of the total, complaints per 1,000 customers. */
export function paretoRows(
  customers: number,
  causes: readonly { code: string; label: string; department: string | null; complaints: number; detractors: number; repeatContacts: number; refundedCents: number }[],
): ReviewCause[] {
  const rows = causes.map((c) => ({ ...c, total: c.complaints + c.detractors + c.repeatContacts }));
  rows.sort((a, b) => b.total - a.total || (a.code < b.code ? -1 : 1));
  const whole = rows.reduce((sum, r) => sum + r.total, 0);
  let running = 0;
  return rows.map((r) => {
    running += r.total;
    return { ...r, share: r.total / whole, cumulativeShare: running / whole, ratePerThousand: (r.complaints / customers) * 1000 };
  });
}

const CUSTOMERS = 184_320;

const CAUSES: [string, Texts, Texts, number, number, number, number][] = [
  ['billing.tariff.plan_change', t('Tarif non appliqué après un changement de formule', 'Tarif nach Tarifwechsel nicht angewandt', 'Tariff not applied after a plan change'), t('Informatique facturation', 'IT-Abrechnung', 'IT billing'), 212, 148, 97, 1_864_250],
  ['network.coverage.indoor', t('Couverture intérieure faible', 'Schwache Innenversorgung', 'Weak indoor coverage'), t('Réseau', 'Netz', 'Network'), 96, 174, 61, 0],
  ['billing.roaming.eu_cap', t("Itinérance facturée au-delà du plafond de l'UE", 'Roaming über der EU-Obergrenze berechnet', 'Roaming charged above the EU cap'), t('Informatique facturation', 'IT-Abrechnung', 'IT billing'), 118, 42, 35, 2_317_480],
  ['delivery.device.late', t('Appareil livré en retard', 'Gerät verspätet geliefert', 'Device delivered late'), t('Partenaires', 'Partner', 'Partners'), 64, 51, 58, 128_000],
  ['service.callback.missed', t('Rappel non effectué', 'Rückruf nicht erfolgt', 'Callback not made'), t('Service client', 'Kundendienst', 'Customer service'), 41, 66, 49, 0],
  ['network.outage.fibre', t('Panne de fibre', 'Glasfaserausfall', 'Fibre outage'), t('Réseau', 'Netz', 'Network'), 58, 44, 31, 412_900],
  ['contract.cancellation.delay', t('Résiliation traitée en retard', 'Kündigung verspätet bearbeitet', 'Cancellation not processed on time'), t('Processus', 'Prozesse', 'Process'), 52, 23, 27, 96_540],
  ['shop.advice.wrong', t('Mauvais conseil en boutique', 'Falsche Beratung im Shop', 'Wrong advice in the shop'), t('Boutiques', 'Shops', 'Shops'), 29, 38, 17, 15_000],
  ['billing.direct_debit.failed', t('Prélèvement échoué', 'Lastschrift fehlgeschlagen', 'Direct debit failed'), t('Informatique facturation', 'IT-Abrechnung', 'IT billing'), 36, 12, 22, 54_300],
  ['device.repair.slow', t('Réparation trop lente', 'Reparatur zu langsam', 'Slow repair'), t('Appareils et réparation', 'Geräte und Reparatur', 'Devices and repair'), 27, 19, 15, 38_990],
  ['partners.installation.missed', t('Rendez-vous du technicien manqué', 'Technikertermin verpasst', 'Technician missed the appointment'), t('Partenaires', 'Partner', 'Partners'), 22, 14, 9, 7_500],
  ['unknown', t('Inconnue', 'Unbekannt', 'Unknown'), t('Service client', 'Kundendienst', 'Customer service'), 18, 21, 0, 0],
];

const CATEGORIES: [string, Texts, number][] = [
  ['billing', t('Facturation', 'Rechnung', 'Billing'), 468],
  ['network', t('Réseau', 'Netz', 'Network'), 301],
  ['contract', t('Contrat', 'Vertrag', 'Contract'), 155],
  ['roaming', t('Itinérance', 'Roaming', 'Roaming'), 122],
  ['device', t('Appareil', 'Gerät', 'Device'), 98],
  ['shop', t('Boutique', 'Shop', 'Shop'), 74],
  ['delivery', t('Livraison', 'Lieferung', 'Delivery'), 51],
  ['other', t('Autre', 'Sonstiges', 'Other'), 43],
];

const STATUS: Record<string, Texts> = {
  in_progress: t('En cours', 'In Arbeit', 'In progress'),
  done: t('Terminée', 'Abgeschlossen', 'Done'),
  verified: t('Vérifiée', 'Überprüft', 'Verified'),
};

const measure = (
  before: [number, number, number],
  after: [number, number, number],
  pValue: number,
  direction: EffectMeasure['direction'],
): EffectMeasure => ({
  before: before[0], beforeLow: before[1], beforeHigh: before[2],
  after: after[0], afterLow: after[1], afterHigh: after[2],
  difference: after[0] - before[0], pValue, significant: direction !== 'none', direction,
});

function actions(language: LabelLanguage): ReviewAction[] {
  const cause = (i: number) => ({ code: CAUSES[i]![0], label: CAUSES[i]![1][language] });
  const dept = (i: number) => CAUSES[i]![2][language];
  return [
    {
      reference: 'A-2026-0002', title: t("Alerte avant le plafond d'itinérance", 'Warnung vor der Roaming-Obergrenze', 'Roaming cap alert before the limit')[language],
      causes: [cause(2)], department: dept(2), owner: 'Paul Hoffmann', status: 'done', statusLabel: STATUS.done![language], dueAt: '2026-05-29T16:00:00Z',
      effect: {
        beforeFrom: '2026-03-01T00:00:00Z', beforeTo: '2026-05-31T21:59:59Z', afterFrom: '2026-08-01T00:00:00Z', afterTo: '2026-10-31T22:59:59Z',
        complaintRate: measure([0.71, 0.62, 0.81], [0.78, 0.68, 0.89], 0.31, 'none'),
        nps: measure([21.0, 16.2, 25.7], [15.1, 10.6, 19.6], 0.082, 'none'),
        repeatRate: null,
      },
      faded: true,
    },
    {
      reference: 'A-2026-0003', title: t('Appliquer le nouveau tarif le jour du changement de formule', 'Neuen Tarif am Tag des Tarifwechsels anwenden', 'Apply the new tariff on the day of the plan change')[language],
      causes: [cause(0), cause(8)], department: dept(0), owner: 'Claire Muller', status: 'verified', statusLabel: STATUS.verified![language], dueAt: '2026-06-30T15:00:00Z',
      effect: {
        beforeFrom: '2026-04-01T00:00:00Z', beforeTo: '2026-06-30T21:59:59Z', afterFrom: '2026-08-01T00:00:00Z', afterTo: '2026-10-31T22:59:59Z',
        complaintRate: measure([1.62, 1.48, 1.77], [0.94, 0.83, 1.06], 0.0000021, 'better'),
        nps: measure([18.4, 14.9, 21.8], [27.9, 24.5, 31.2], 0.00012, 'better'),
        repeatRate: measure([0.214, 0.196, 0.233], [0.171, 0.155, 0.188], 0.0006, 'better'),
      },
      faded: false,
    },
    {
      reference: 'A-2026-0005', title: t('Amplificateurs de couverture intérieure pour les entreprises', 'Indoor-Verstärker für Geschäftskunden', 'Indoor coverage boosters for business customers')[language],
      causes: [cause(1)], department: dept(1), owner: 'Marc Weber', status: 'in_progress', statusLabel: STATUS.in_progress![language], dueAt: '2027-02-26T16:00:00Z',
      effect: null, faded: false,
    },
    {
      reference: 'A-2026-0007', title: t('Créneaux de rappel confirmés par SMS', 'Rückrufzeiten per SMS bestätigt', 'Callback slots confirmed by SMS')[language],
      causes: [cause(4)], department: dept(4), owner: 'Sophie Schmit', status: 'done', statusLabel: STATUS.done![language], dueAt: '2026-07-15T15:00:00Z',
      effect: {
        beforeFrom: '2026-05-01T00:00:00Z', beforeTo: '2026-07-31T21:59:59Z', afterFrom: '2026-09-01T00:00:00Z', afterTo: '2026-11-30T22:59:59Z',
        complaintRate: measure([0.31, 0.24, 0.39], [0.27, 0.21, 0.35], 0.48, 'none'),
        nps: null,
        repeatRate: measure([0.262, 0.231, 0.295], [0.198, 0.171, 0.228], 0.004, 'better'),
      },
      faded: false,
    },
  ];
}

/** The review of November 2026 in a language. */
export function reviewFixture(language: LabelLanguage): MonthlyReview {
  const received = CATEGORIES.reduce((sum, c) => sum + c[2], 0);
  return {
    month: '2026-11',
    generatedAt: '2026-12-01T06:30:00.000Z',
    language,
    customerBase: { customers: CUSTOMERS, at: '2026-11-30T22:59:59.999Z' },
    nps: {
      current: { month: '2026-11', value: 32.23604977920514, low: 29.121355319790652, high: 35.27319159279958, responses: 2491, promoters: 1296, passives: 702, detractors: 493, reliable: true },
      previous: { month: '2026-10', value: 29.463925836356307, low: 26.292604207931088, high: 32.56407856179515, responses: 2481, promoters: 1262, passives: 688, detractors: 531, reliable: true },
      change: { difference: 2.7721239428488325, pValue: 0.2161099037215175, significant: false },
      trend: [
        { month: '2025-11', value: 27.03, low: 23.7, high: 30.3, responses: 2242 },
        { month: '2025-12', value: 26.3, low: 22.8, high: 29.7, responses: 2091 },
        { month: '2026-01', value: 27.4, low: 24.1, high: 30.6, responses: 2330 },
        { month: '2026-02', value: 28.5, low: 25.1, high: 31.8, responses: 2168 },
        { month: '2026-03', value: 30.9, low: 27.6, high: 34.0, responses: 2336 },
        { month: '2026-04', value: 31.7, low: 28.5, high: 34.9, responses: 2271 },
        { month: '2026-05', value: 32.3, low: 29.1, high: 35.4, responses: 2368 },
        { month: '2026-06', value: 33.6, low: 30.3, high: 36.7, responses: 2246 },
        { month: '2026-07', value: 32.1, low: 28.6, high: 35.6, responses: 1892 },
        { month: '2026-08', value: 31.8, low: 28.1, high: 35.4, responses: 1767 },
        { month: '2026-09', value: 32.4, low: 29.2, high: 35.4, responses: 2410 },
        { month: '2026-10', value: 29.463925836356307, low: 26.292604207931088, high: 32.56407856179515, responses: 2481 },
        { month: '2026-11', value: 32.23604977920514, low: 29.121355319790652, high: 35.27319159279958, responses: 2491 },
      ],
      significantChanges: [
        { dimension: 'channel', key: 'shop', label: t('Boutique', 'Shop', 'Shop')[language], value: 6.38, previousValue: 32.0, difference: -25.62, pValue: 0.00058 },
        { dimension: 'team', key: '01J9ZK7Q4M2T', label: 'Esch-sur-Alzette 2', value: 48.0, previousValue: 24.19, difference: 23.81, pValue: 0.00011 },
        { dimension: 'reason', key: 'billing', label: t('Facturation', 'Rechnung', 'Billing')[language], value: 39.73, previousValue: 25.5, difference: 14.22, pValue: 0.00044 },
      ],
    },
    complaints: {
      received,
      answered: 1108,
      answeredOnTime: { count: 1021, of: 1108, rate: 1021 / 1108, low: 0.9041459911563908, high: 0.9359018345387161 },
      acknowledgedOnTime: { count: 1187, of: 1246, rate: 1187 / 1246, low: 0.9394005176707767, high: 0.9631139508957729 },
      reopened: 37,
      ratePerThousand: (received / CUSTOMERS) * 1000,
      byCategory: CATEGORIES.map(([code, label, n]) => ({ code, label: label[language], received: n })),
    },
    topCauses: paretoRows(
      CUSTOMERS,
      CAUSES.map(([code, label, department, complaints, detractors, repeatContacts, refundedCents]) => ({
        code, label: label[language], department: department[language], complaints, detractors, repeatContacts, refundedCents,
      })),
    ),
    overdue: {
      at: '2026-12-01T06:30:00.000Z',
      complaints: 23,
      followups: 41,
      oldest: [
        { reference: 'R-2026-004117', kind: 'complaint', category: CATEGORIES[0]![1][language], dueAt: '2026-11-03T16:00:00Z', businessDaysOverdue: 19 },
        { reference: 'R-2026-004362', kind: 'complaint', category: CATEGORIES[1]![1][language], dueAt: '2026-11-10T16:00:00Z', businessDaysOverdue: 14 },
        { reference: 'F-2026-018804', kind: 'followup', category: t('Itinérance', 'Roaming', 'Roaming')[language], dueAt: '2026-11-17T10:00:00Z', businessDaysOverdue: 10 },
        { reference: 'R-2026-004590', kind: 'complaint', category: CATEGORIES[2]![1][language], dueAt: '2026-11-19T16:00:00Z', businessDaysOverdue: 8 },
        { reference: 'F-2026-019322', kind: 'followup', category: t('Facture', 'Rechnung', 'Invoice')[language], dueAt: '2026-11-24T09:00:00Z', businessDaysOverdue: 5 },
      ],
    },
    actions: actions(language),
    externalStudies: [
      { study: 'Baromètre télécom Luxembourg 2026', firm: 'Ilres', fieldedFrom: '2026-03-02T00:00:00Z', fieldedTo: '2026-03-27T00:00:00Z', nps: 24.0, low: 20.1, high: 27.9, respondents: 1204 },
      { study: 'Customer relationship study, second half', firm: 'Quest', fieldedFrom: '2026-09-07T00:00:00Z', fieldedTo: '2026-10-02T00:00:00Z', nps: 27.5, low: 23.0, high: 32.0, respondents: 812 },
    ],
  };
}

/** A review as large as a busy month gives: `causes` causes in the Pareto and `actions` actions, each with its effect measured. */
export function largeReview(language: LabelLanguage, causes = 50, actionCount = 30): MonthlyReview {
  const base = reviewFixture(language);
  let seed = 7;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const int = (max: number) => Math.floor(next() * max);
  const topCauses = paretoRows(
    CUSTOMERS,
    Array.from({ length: causes }, (_, i) => ({
      code: `cause.level.c${String(i + 1).padStart(2, '0')}`,
      label: `${CAUSES[i % CAUSES.length]![1][language]} (${i + 1})`,
      department: CAUSES[i % CAUSES.length]![2][language],
      complaints: 5 + int(200),
      detractors: int(150),
      repeatContacts: int(90),
      refundedCents: int(500_000),
    })),
  );
  const actions = Array.from({ length: actionCount }, (_, i): ReviewAction => {
    const rate = 0.2 + next() * 2;
    const score = -10 + next() * 50;
    const repeat = 0.1 + next() * 0.2;
    return {
      reference: `A-2026-${String(i + 10).padStart(4, '0')}`,
      title: `${base.actions[i % base.actions.length]!.title} (${i + 1})`,
      causes: [{ code: topCauses[i % causes]!.code, label: topCauses[i % causes]!.label }],
      department: topCauses[i % causes]!.department,
      owner: 'Claire Muller',
      status: 'done',
      statusLabel: base.actions[0]!.statusLabel,
      dueAt: '2026-09-30T15:00:00Z',
      effect: {
        beforeFrom: '2026-04-01T00:00:00Z', beforeTo: '2026-06-30T21:59:59Z', afterFrom: '2026-08-01T00:00:00Z', afterTo: '2026-10-31T22:59:59Z',
        complaintRate: measure([rate, rate * 0.9, rate * 1.1], [rate * 0.8, rate * 0.72, rate * 0.88], 0.01, 'better'),
        nps: measure([score, score - 4, score + 4], [score + 3, score - 1, score + 7], 0.3, 'none'),
        repeatRate: measure([repeat, repeat - 0.02, repeat + 0.02], [repeat + 0.03, repeat + 0.01, repeat + 0.05], 0.02, 'worse'),
      },
      faded: i % 7 === 0,
    };
  });
  return { ...base, topCauses, actions };
}
