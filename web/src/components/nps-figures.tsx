import { formatDecimal, formatNps } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import { useNpsLabels } from '../nps-labels.js';
import type { Interval, NpsReportRow } from '../types.js';

/** An NPS in points, green above zero and red below. */
export function NpsValue({ value }: { value: number | null }) {
  const language = useLanguage();
  const tone = value === null || value === 0 ? undefined : value > 0 ? 'nps-positive' : 'nps-negative';
  return <strong className={tone}>{formatNps(value, language)}</strong>;
}

/** The 95% confidence interval, "12,3 à 25,0". */
export function NpsInterval({ low, high }: { low: number | null; high: number | null }) {
  const t = useT();
  const language = useLanguage();
  if (low === null || high === null) return <span className="muted">—</span>;
  return <span className="nps-ci">{t('dashboard.ciValue', { low: formatDecimal(low, language), high: formatDecimal(high, language) })}</span>;
}

/** "unreliable (n<30)": shown instead of a rank, never ranked. */
export function UnreliableBadge({ min }: { min: number }) {
  const t = useT();
  return (
    <span className="badge badge-indicative" title={t('dashboard.unreliableNote', { min })}>
      {t('dashboard.unreliable', { min })}
    </span>
  );
}

/**
 * The change against the period before: ▲/▼ and the points, strong and coloured when significant
 * at 5% (read out as "significant"), muted when not.
 */
export function NpsChange({ row, interval }: { row: NpsReportRow; interval: Interval }) {
  const t = useT();
  const language = useLanguage();
  const labels = useNpsLabels();
  if (row.change === null) return <span className="muted">—</span>;
  const direction = row.change > 0 ? 'up' : row.change < 0 ? 'down' : 'flat';
  const title = t('dashboard.changeTitle', {
    period: row.previous_period ? labels.period(row.previous_period, interval) : '',
    nps: formatNps(row.previous_nps, language),
    n: row.previous_n ?? 0,
    p: row.p_value === null ? '—' : formatDecimal(row.p_value, language, 3),
  });
  return (
    <span className={`nps-change nps-change-${direction}${row.significant ? ' is-significant' : ''}`} title={title}>
      <span aria-hidden="true">{direction === 'up' ? '▲' : direction === 'down' ? '▼' : '='} </span>
      {formatDecimal(row.change, language, 1, true)}
      <span className="visually-hidden"> ({row.significant ? t('dashboard.significant') : t('dashboard.notSignificant')})</span>
    </span>
  );
}

/** "en cours", marking a period whose figures will still move. */
export function RunningBadge() {
  const t = useT();
  return (
    <span className="badge badge-running" title={t('npsread.runningTitle')}>
      {t('npsread.running')}
    </span>
  );
}
