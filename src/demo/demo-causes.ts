import type { Labels } from '../causes/cause-tree.js';
import { localDay } from '../shared/calendar.js';
import { CAUSE_STORIES, type CauseStory } from './case-texts.js';
import type { Random } from './random.js';

/**
 * Why the customers of the demo's history complain (docs/improvement.md, "The demo"): each grievance
 * has a root cause of the seeded tree, drawn from the causes that fit its complaint category and the
 * contact's reason, and told by one of that cause's stories (case-texts.ts). Over the year the causes
 * rise and fall, so that the Pareto and control charts have something to show on first start:
 * `intensity` says how often a cause comes up at a moment compared with the rest of the year. It
 * scales how often a grievance of that cause becomes a complaint or is coded on a follow-up or a
 * repeat contact, leaving the other causes as they are:
 *
 * - `billing.roaming` rises with the summer holidays (July and August) and falls back after;
 * - `network.outage`: one bad month, a spike a control chart flags;
 * - `billing.tariff_not_applied` is high in the first half of the year and drops from D1, when the
 *   billing fix is done;
 * - `devices.repair_delay` drops from D2, when the new repair partner starts;
 * - `process.porting` stays as it is: the checklist of D3 has no effect.
 */

const DAY_MS = 86_400_000;

/** D1: days before the end of the history (`now`; it covers the twelve months before) on which billing's tariff fix is done. */
export const TARIFF_FIX_DAYS_BEFORE_END = 175;
/** D2: days before the end of the history on which the new repair partner starts. */
export const REPAIR_PARTNER_DAYS_BEFORE_END = 110;
/** D3: days before the end of the history on which the porting checklist is introduced (it changes nothing). */
export const PORTING_CHECKLIST_DAYS_BEFORE_END = 140;
/** The bad month of the network: the calendar month holding the day this many days before the end of the history. */
export const OUTAGE_DAYS_BEFORE_END = 260;

/** An improvement action of the demo's story: on which cause, done when, and whether it worked. */
export interface DemoImprovement {
  cause: string;
  daysBeforeEnd: number;
  /** whether the cause comes up less from that day on */
  effective: boolean;
  title: Labels;
}

/**
 * The improvement actions the demo's codings follow (D1, D2, D3). The improvement actions themselves
 * are not written yet: another developer creates them, done on these days (`improvementDay`), once
 * that domain lands.
 */
export const DEMO_IMPROVEMENTS: readonly DemoImprovement[] = [
  {
    cause: 'billing.tariff_not_applied', daysBeforeEnd: TARIFF_FIX_DAYS_BEFORE_END, effective: true,
    title: { fr: 'Nouvelle offre appliquée à la facturation le jour du changement', de: 'Neuer Tarif am Tag des Wechsels in der Abrechnung', en: 'New plan applied to billing on the day of the change' },
  },
  {
    cause: 'devices.repair_delay', daysBeforeEnd: REPAIR_PARTNER_DAYS_BEFORE_END, effective: true,
    title: { fr: 'Nouveau partenaire de réparation avec pièces en stock', de: 'Neuer Reparaturpartner mit Ersatzteilen auf Lager', en: 'New repair partner with spare parts in stock' },
  },
  {
    cause: 'process.porting', daysBeforeEnd: PORTING_CHECKLIST_DAYS_BEFORE_END, effective: false,
    title: { fr: 'Check-list de portabilité en boutique', de: 'Checkliste zur Rufnummernmitnahme im Shop', en: 'Number porting checklist in the shops' },
  },
];

/** The local day (YYYYMMDD) `daysBeforeEnd` days before the end of the history `now`. */
export function improvementDay(now: number, daysBeforeEnd: number): number {
  return localDay(now - daysBeforeEnd * DAY_MS);
}

/** The complaint category of a contact reason: what a customer's grievance about it falls under. */
export const REASON_CATEGORY: Readonly<Record<string, string>> = {
  billing: 'billing', network: 'network', internet: 'network', tv: 'network', roaming: 'roaming', device: 'device', repair: 'device',
  trade_in: 'device', contract: 'contract', porting: 'contract', account: 'digital', other: 'other',
};

/** A cause a grievance may have, its usual weight, and which of its stories fit (all when absent). */
type MixEntry = readonly [cause: string, weight: number, stories?: readonly number[]];
/** The causes a grievance may have. */
export type CauseMix = readonly MixEntry[];

/** The causes of a grievance of each complaint category. */
const CATEGORY_MIX: Readonly<Record<string, CauseMix>> = {
  billing: [['billing.tariff_not_applied', 5], ['billing.double_charge', 2], ['billing', 2]],
  roaming: [['billing.roaming', 9], ['service.wrong_information', 1, [0]]],
  network: [['network.coverage', 4], ['network.outage', 1], ['network.fibre_install', 1], ['network', 1]],
  device: [['devices.defect', 3], ['devices.repair_delay', 4]],
  contract: [['process.contract_change', 6], ['process.porting', 2]],
  shop: [['service.shop_advice', 6], ['process.contract_change', 2, [0]], ['devices.defect', 1, [0]]],
  advisor: [['service', 4], ['service.wrong_information', 3]],
  price: [['process', 2, [3]], ['service.wrong_information', 2, [1]], ['billing.tariff_not_applied', 2, [0]], ['process.contract_change', 1, [2]]],
  digital: [['process', 1, [0, 1]]],
  other: [['process', 3, [2]], ['service', 1, [1]]],
};

/** Where a contact's reason says more than its category does. */
const REASON_MIX: Readonly<Record<string, CauseMix>> = {
  network: [['network.coverage', 5], ['network.outage', 1, [1]]],
  internet: [['network.outage', 1, [0]], ['network.fibre_install', 3], ['network', 2]],
  tv: [['network.outage', 1, [0]], ['network', 1]],
  porting: [['process.porting', 8], ['process.contract_change', 1]],
  repair: [['devices.repair_delay', 8], ['devices.defect', 1]],
};

/** The category a complaint with this cause belongs to, when the cause says (a complaint filed elsewhere is corrected to it). */
const HOME_CATEGORY: Readonly<Record<string, string>> = {
  billing: 'billing', 'billing.tariff_not_applied': 'billing', 'billing.double_charge': 'billing', 'billing.roaming': 'roaming',
  network: 'network', 'network.coverage': 'network', 'network.outage': 'network', 'network.fibre_install': 'network',
  service: 'advisor', 'service.wrong_information': 'advisor', 'service.shop_advice': 'shop',
  'process.contract_change': 'contract', 'process.porting': 'contract', 'devices.defect': 'device', 'devices.repair_delay': 'device',
};

/** Roaming by calendar month: the summer holidays. */
const ROAMING_SEASON: Readonly<Record<number, number>> = { 6: 1.5, 7: 3.5, 8: 4, 9: 1.5 };

/** What a customer complains of: its root cause and the story that tells it. */
export interface Grievance {
  cause: string;
  story: CauseStory;
}

/** The causes' year in the demo's history ending at `now`. */
export class CauseCalendar {
  private readonly tariffFix: number;
  private readonly repairPartner: number;
  /** YYYYMM */
  private readonly outageMonth: number;

  constructor(now: number) {
    this.tariffFix = improvementDay(now, TARIFF_FIX_DAYS_BEFORE_END);
    this.repairPartner = improvementDay(now, REPAIR_PARTNER_DAYS_BEFORE_END);
    this.outageMonth = Math.floor(improvementDay(now, OUTAGE_DAYS_BEFORE_END) / 100);
  }

  /** How often a cause comes up at `at` compared with the rest of the year (1: as usual). */
  intensity(cause: string, at: number): number {
    return this.intensityOn(cause, localDay(at));
  }

  private intensityOn(cause: string, day: number): number {
    switch (cause) {
      case 'billing.tariff_not_applied':
        return day < this.tariffFix ? 3 : 0.15;
      case 'billing.roaming':
        return ROAMING_SEASON[Math.floor(day / 100) % 100] ?? 1;
      case 'network.outage':
        return Math.floor(day / 100) === this.outageMonth ? 8 : 1;
      case 'devices.repair_delay':
        return day < this.repairPartner ? 2.5 : 0.2;
      default:
        return 1;
    }
  }

  /** How much more (or less) often than usual a grievance of these causes comes up at `at`: the mean intensity of its causes by weight. */
  boost(mix: CauseMix, at: number): number {
    const day = localDay(at);
    let weights = 0;
    let weighted = 0;
    for (const [cause, weight] of mix) {
      weights += weight;
      weighted += weight * this.intensityOn(cause, day);
    }
    return weighted / weights;
  }

  /** A grievance among these causes: in proportion to their weights, times their intensity at `at` when given. */
  pick(rng: Random, mix: CauseMix, at?: number): Grievance {
    const day = at === undefined ? undefined : localDay(at);
    const weights = mix.map(([cause, weight]) => weight * (day === undefined ? 1 : this.intensityOn(cause, day)));
    let x = rng.next() * weights.reduce((a, b) => a + b, 0);
    let i = 0;
    while (i < mix.length - 1 && x >= weights[i]!) x -= weights[i++]!;
    const [cause, , fits] = mix[i]!;
    const stories = CAUSE_STORIES[cause]!;
    return { cause, story: stories[fits ? rng.pick(fits) : rng.int(stories.length)]! };
  }
}

/** The causes of a grievance of a complaint category about a contact reason. */
export function causeMix(category: string, reason: string | null): CauseMix {
  const byReason = reason === null || REASON_CATEGORY[reason] !== category ? undefined : REASON_MIX[reason];
  return byReason ?? CATEGORY_MIX[category] ?? CATEGORY_MIX.other!;
}

/** The category a complaint with this cause belongs to, if the cause says. */
export function homeCategory(cause: string): string | undefined {
  return HOME_CATEGORY[cause];
}
