import type { Translate, UiLanguage } from './i18n/index.js';
import type { CauseChartResult, ChartFlag } from './types.js';

type Point = CauseChartResult['points'][number];

/** A value of a control chart as the reader writes numbers, two decimals; '—' for none. */
export function chartNumber(value: number | null, language: UiLanguage): string {
  return value === null ? '—' : new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** A flagged point of a control chart in words: which rule, on which side or in which direction, how long. */
export function flagText(point: Point, flag: ChartFlag, t: Translate, language: UiLanguage): string {
  const key = flag.code === 'trend' ? `trend-${flag.direction}` : `${flag.code}-${flag.side}`;
  return t(`improvement.control.flags.${key}` as 'improvement.control.flags.trend-up', {
    period: point.period, value: chartNumber(point.value, language), ucl: chartNumber(point.ucl, language), lcl: chartNumber(point.lcl, language), length: flag.length ?? 0,
  });
}
