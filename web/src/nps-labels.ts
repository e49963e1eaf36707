import { createContext, useContext, useMemo } from 'react';
import { labelOf } from './components/customer-accounts.js';
import { formatCalendarDay, formatMonth } from './format.js';
import { useLanguage, useT, type Translate, type UiLanguage } from './i18n/index.js';
import type { NamedDimension } from './nps-view.js';
import type { Dimension, Interval } from './types.js';

/** Where the translated label of each coded dimension's keys lives. */
const CODE_LABELS: Record<Exclude<Dimension, NamedDimension>, string> = { channel: 'channels', segment: 'segments', language: 'language' };

/** An NPS basis as the API writes it, "1-10/9/6": scale 1 to 10, promoters from 9, detractors up to 6. */
export function basisOf(key: string): { min: number; max: number; promoterMin: number; detractorMax: number } | null {
  const m = /^(\d+)-(\d+)\/(\d+)\/(\d+)$/.exec(key);
  return m ? { min: Number(m[1]), max: Number(m[2]), promoterMin: Number(m[3]), detractorMax: Number(m[4]) } : null;
}

/** The name of a team, site, advisor or reason by its key, when known. */
export type NameOf = (dimension: NamedDimension, key: string) => string | undefined;

/**
 * Names the dashboard knows: teams, sites and advisors from the report's labels, contact reasons
 * in the UI language (like the rest of the console; the report names them in the account's).
 */
export const NpsNames = createContext<NameOf>(() => undefined);

/** The words of the NPS figures in the UI language: periods, groups, bases, topics. */
export function useNpsLabels() {
  const t = useT();
  const language = useLanguage();
  const names = useContext(NpsNames);
  return useMemo(() => labels(t, language, names), [t, language, names]);
}

export type NpsLabels = ReturnType<typeof labels>;

function labels(t: Translate, language: UiLanguage, names: NameOf) {
  const day = (value: string, style?: 'short') => formatCalendarDay(value, language, style);
  /** "1 nov. 2026 – 26 nov. 2026" */
  const range = (from: string, to: string) => t('dashboard.periods.range', { from: day(from), to: day(to) });
  return {
    range,
    /** A period by its label in the API: "nov. 2026", "T4 2025", "S48 2026", "28 jours au 26 nov. 2026"… */
    period(label: string, interval: Interval, style: 'long' | 'short' = 'long'): string {
      switch (interval) {
        case 'day':
          return day(label, style === 'short' ? 'short' : undefined);
        case 'week': {
          const [year, week] = label.split('-W');
          return t('dashboard.periods.week', { year: year ?? '', week: Number(week) });
        }
        case 'month':
          return formatMonth(label, language, style);
        case 'quarter': {
          const [year, quarter] = label.split('-Q');
          return t('dashboard.periods.quarter', { year: year ?? '', quarter: quarter ?? '' });
        }
        case 'year':
          return label;
        case 'rolling28':
          // named by its last day
          return style === 'short' ? day(label, 'short') : t('dashboard.periods.rolling', { date: day(label) });
        case 'total': {
          const [from = '', to = ''] = label.split('/');
          return range(from, to);
        }
      }
    },
    /** The name of a group's key: the translated label of a code; for an id, the dashboard's name, else the report's (`name`). */
    group(dimension: Dimension, key: string, name?: string | null): string {
      if (key === '') return t('dashboard.notRecorded');
      if (dimension in CODE_LABELS) return labelOf(t, CODE_LABELS[dimension as keyof typeof CODE_LABELS], key);
      return names(dimension as NamedDimension, key) ?? (name || key);
    },
    dimension: (dimension: Dimension) => t(`dashboard.dimensions.${dimension}`),
    /** "1–10 · promoters ≥ 9 · detractors ≤ 6" from the API's "1-10/9/6" */
    basis(basis: string): string {
      const parsed = basisOf(basis);
      return parsed ? t('nps.basisValue', parsed) : basis;
    },
    topic: (topic: string) => labelOf(t, 'topics', topic),
  };
}
