import { formatCalendarDay, formatDecimal, formatEuros, formatPercent } from '../format.js';
import { useLanguage, useT, type UiLanguage } from '../i18n/index.js';
import type { ParetoResult, ParetoRow } from '../types.js';

const share = (value: number | null, language: UiLanguage) => formatPercent(value === null ? null : value * 100, language, 1);
const rate = (value: number | null, language: UiLanguage) => (value === null ? '—' : formatDecimal(value, language, 2));

/**
 * The Pareto as a table: each cause with its owner, counts, shares, costs, recurrences and rate per
 * 1,000 customers, the totals, and a button per cause that opens it (the chart's bars in words).
 */
export function ParetoTable({ pareto, selected, onSelect }: { pareto: ParetoResult; selected: string | undefined; onSelect: (code: string) => void }) {
  const t = useT();
  const language = useLanguage();
  const cells = (r: ParetoResult['totals']) => (
    <>
      <td className="num">{r.complaints}</td>
      <td className="num">{r.detractors}</td>
      <td className="num">{r.repeatContacts}</td>
      <td className="num">{r.total}</td>
    </>
  );
  const costs = (r: ParetoResult['totals']) => (
    <>
      <td className="num">{r.recurrences}</td>
      <td className="num">{formatEuros(r.disputedCents, language)}</td>
      <td className="num">{formatEuros(r.refundedCents, language)}</td>
      <td className="num">{r.extraContacts}</td>
      <td className="num">{rate(r.complaintsPerThousandCustomers, language)}</td>
    </>
  );
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('improvement.table.caption', { from: pareto.from, to: pareto.to })}>
      <table className="data-table pareto-table">
        <caption className="visually-hidden">{t('improvement.table.caption', { from: formatCalendarDay(pareto.from, language), to: formatCalendarDay(pareto.to, language) })}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('improvement.table.cause')}</th>
            <th scope="col">{t('improvement.table.department')}</th>
            <th scope="col" className="num">{t('improvement.table.complaints')}</th>
            <th scope="col" className="num">{t('improvement.table.detractors')}</th>
            <th scope="col" className="num">{t('improvement.table.repeatContacts')}</th>
            <th scope="col" className="num">{t('improvement.table.total')}</th>
            <th scope="col" className="num">{t('improvement.table.share')}</th>
            <th scope="col" className="num">{t('improvement.table.cumulativeShare')}</th>
            <th scope="col" className="num">{t('improvement.table.recurrences')}</th>
            <th scope="col" className="num">{t('improvement.table.disputed')}</th>
            <th scope="col" className="num">{t('improvement.table.refunded')}</th>
            <th scope="col" className="num">{t('improvement.table.extraContacts')}</th>
            <th scope="col" className="num">{t('improvement.table.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {pareto.rows.map((r: ParetoRow, i) => (
            <tr key={r.cause.code} className={r.cause.code === selected ? 'is-selected' : undefined}>
              <td className="num">{i + 1}</td>
              <th scope="row">
                <button type="button" className="link-button" aria-pressed={r.cause.code === selected} aria-label={t('improvement.table.open', { cause: r.cause.label })} onClick={() => onSelect(r.cause.code)}>
                  {r.cause.label}
                </button>
              </th>
              <td>{r.department?.label ?? '—'}</td>
              {cells(r)}
              <td className="num">{share(r.share, language)}</td>
              <td className="num">{share(r.cumulativeShare, language)}</td>
              {costs(r)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td />
            <th scope="row">{t('improvement.table.totals')}</th>
            <td />
            {cells(pareto.totals)}
            <td />
            <td />
            {costs(pareto.totals)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
