import { chartRange, formatMeasure, formatP } from '../actions.js';
import { LOCALES, useLanguage, useT } from '../i18n/index.js';
import type { ActionEffect, MeasureEffect } from '../types.js';
import { ChartFigure, useWidth } from './chart-figure.js';

const HEIGHT = 170;
const MARGIN = { top: 14, right: 12, bottom: 28, left: 52 };
const COLOURS = { before: '#5b6778', better: '#1d7a46', worse: '#b42318', other: '#1a4f8b' };

type Point = NonNullable<MeasureEffect['before']>;

/** The colour of the after figure: green when better, red when worse, blue otherwise. */
const afterColour = (m: MeasureEffect) => (m.verdict === 'better' ? COLOURS.better : m.verdict === 'worse' ? COLOURS.worse : COLOURS.other);

/** One measure: its before and after figures (and the latest window's for a faded complaint rate), each with its 95% interval as a whisker. */
function MeasureChart({ effect, measure, latest }: { effect: ActionEffect; measure: MeasureEffect; latest: Point | null }) {
  const t = useT();
  const locale = LOCALES[useLanguage()];
  const [ref, width] = useWidth<HTMLDivElement>();
  const points: { key: string; label: string; point: Point | null; colour: string }[] = [
    { key: 'before', label: t('actions.effect.before'), point: measure.before, colour: COLOURS.before },
    { key: 'after', label: t('actions.effect.after'), point: measure.after, colour: afterColour(measure) },
    ...(latest ? [{ key: 'latest', label: t('actions.effect.latest'), point: latest, colour: effect.fade?.faded ? COLOURS.worse : COLOURS.other }] : []),
  ];
  const range = chartRange(measure.measure, points.flatMap((p) => [p.point?.value, p.point?.low, p.point?.high]));
  const inner = { width: Math.max(0, width - MARGIN.left - MARGIN.right), height: HEIGHT - MARGIN.top - MARGIN.bottom };
  const y = (v: number) => MARGIN.top + inner.height * (1 - (v - range.min) / (range.max - range.min));
  const x = (i: number) => MARGIN.left + (inner.width * (i + 0.5)) / points.length;
  const ticks = [range.min, (range.min + range.max) / 2, range.max];
  return (
    <div ref={ref} className="effect-chart">
      {width > 0 && (
        <svg width={width} height={HEIGHT} role="img" aria-label={`${t(`actions.measures.${measure.measure}`)}: ${points.map((p) => `${p.label} ${formatMeasure(measure.measure, p.point?.value ?? null, locale)}`).join(', ')}`}>
          {ticks.map((v) => (
            <g key={v}>
              <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(v)} y2={y(v)} className="effect-grid" />
              <text x={MARGIN.left - 6} y={y(v) + 4} textAnchor="end" className="effect-tick">
                {formatMeasure(measure.measure, v, locale)}
              </text>
            </g>
          ))}
          {points.map((p, i) => (
            <g key={p.key} data-window={p.key}>
              {p.point?.low != null && p.point.high != null && (
                <g stroke={p.colour} strokeWidth={2}>
                  <line x1={x(i)} x2={x(i)} y1={y(p.point.low)} y2={y(p.point.high)} />
                  <line x1={x(i) - 8} x2={x(i) + 8} y1={y(p.point.low)} y2={y(p.point.low)} />
                  <line x1={x(i) - 8} x2={x(i) + 8} y1={y(p.point.high)} y2={y(p.point.high)} />
                </g>
              )}
              {p.point?.value != null && <circle cx={x(i)} cy={y(p.point.value)} r={6} fill={p.colour} />}
              <text x={x(i)} y={HEIGHT - 8} textAnchor="middle" className="effect-label">
                {p.label}
              </text>
            </g>
          ))}
        </svg>
      )}
    </div>
  );
}

/** The verdict in words: better, worse, no significant change, pending (and why), not measured. */
function Verdict({ measure }: { measure: MeasureEffect }) {
  const t = useT();
  const locale = LOCALES[useLanguage()];
  const d = measure.difference;
  return (
    <p className={`effect-verdict effect-verdict-${measure.verdict}`}>
      <strong>{t(`actions.effect.verdicts.${measure.verdict}`)}</strong>
      {measure.pending && <> · {t(`actions.effect.pending.${measure.pending}`)}</>}
      {measure.verdict === 'not-applicable' && <> · {t('actions.effect.notApplicable')}</>}
      {d && (
        <>
          {' · '}
          {t('actions.effect.difference', {
            value: formatMeasure(measure.measure, d.value, locale, true), low: formatMeasure(measure.measure, d.low, locale, true),
            high: formatMeasure(measure.measure, d.high, locale, true), p: formatP(d.pValue, locale),
          })}
        </>
      )}
    </p>
  );
}

/** The same figures as a table: window, value, interval, base. */
function EffectTable({ effect }: { effect: ActionEffect }) {
  const t = useT();
  const locale = LOCALES[useLanguage()];
  const integer = new Intl.NumberFormat(locale);
  const rows = effect.measures.flatMap((m) =>
    (['before', 'after'] as const).map((w) => ({ m, w, point: m[w] })),
  );
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t('actions.effect.columns.measure')}</th>
          <th scope="col">{t('actions.effect.columns.window')}</th>
          <th scope="col" className="num">{t('actions.effect.columns.value')}</th>
          <th scope="col" className="num">{t('actions.effect.columns.interval')}</th>
          <th scope="col" className="num">{t('actions.effect.columns.n')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ m, w, point }) => (
          <tr key={`${m.measure}-${w}`}>
            <th scope="row">{t(`actions.measures.${m.measure}`)}</th>
            <td>{t(`actions.effect.${w}`)}</td>
            <td className="num">{formatMeasure(m.measure, point?.value ?? null, locale)}</td>
            <td className="num">{point?.low != null && point.high != null ? `${formatMeasure(m.measure, point.low, locale)} – ${formatMeasure(m.measure, point.high, locale)}` : '—'}</td>
            <td className="num">{point ? integer.format(point.n) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The measured effect of an action: a chart per measure (before vs after with interval whiskers), verdict words, the target's outcome, the fade. */
export function ActionEffectChart({ effect }: { effect: ActionEffect }) {
  const t = useT();
  const language = useLanguage();
  const day = (d: string) => new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));
  if (effect.status === 'not-done' || !effect.windows) return <p className="muted">{t('actions.effect.notDone')}</p>;
  const w = effect.windows;
  const measured = effect.measures.filter((m) => m.verdict !== 'not-applicable');
  return (
    <div className="action-effect">
      <p className="muted">
        {t('actions.effect.windows', { beforeFrom: day(w.before.from), beforeTo: day(w.before.to), afterFrom: day(w.after.from), afterTo: w.after.days > 0 ? day(w.after.to) : day(w.after.from) })}
        {!w.after.complete && <> ({t('actions.effect.running')})</>}
      </p>
      <ChartFigure
        label={t('actions.effect.chart')}
        chart={
          <div className="effect-measures">
            {effect.measures.map((m) => (
              <section key={m.measure} className={`effect-measure${m.measure === effect.target.measure ? ' effect-measure-target' : ''}`} aria-label={t(`actions.measures.${m.measure}`)}>
                <h4>
                  {t(`actions.measures.${m.measure}`)} <span className="muted">({t(`actions.units.${m.measure}`)})</span>
                </h4>
                {m.verdict !== 'not-applicable' && <MeasureChart effect={effect} measure={m} latest={m.measure === 'complaint_rate' && effect.fade?.assessed ? effect.fade.latest : null} />}
                <Verdict measure={m} />
              </section>
            ))}
          </div>
        }
        table={measured.length > 0 ? <EffectTable effect={{ ...effect, measures: measured }} /> : <p className="muted">{t('actions.effect.notDone')}</p>}
      />
      <p className={effect.verifiable ? 'notice notice-success' : 'notice notice-info'}>
        {effect.verifiable ? t('actions.effect.verifiable') : t('actions.effect.notVerifiable')}
        {effect.target.met !== null && <> {effect.target.met ? t('actions.effect.targetMet') : t('actions.effect.targetMissed')}</>}
      </p>
      {effect.fade?.assessed && <p className={effect.fade.faded ? 'notice notice-warning' : 'muted'}>{effect.fade.faded ? t('actions.effect.fadedNote') : t('actions.effect.notFaded')}</p>}
    </div>
  );
}
