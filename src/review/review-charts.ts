import type { EffectMeasure, ReviewCause, ReviewNps } from '../contract/review.js';
import { ACCENT, INK, MUTED, RULE, type ChartBox, type PdfWriter } from './pdf-writer.js';
import type { ReviewFormat } from './review-format.js';
import { fill, type ReviewLabels } from './review-labels.js';

/**
 * The charts of the review, drawn with pdfkit's vector API into a box the writer reserved: the NPS
 * trend with its interval band, the Pareto of causes with its cumulative share and an 80 % guide,
 * and an action's effect as before/after points with their interval whiskers.
 */

const BAND = '#c6d8ef';
const BAR = '#7b9cc4';
const CUMULATIVE = '#c05621';
const BETTER = '#2f855a';
const WORSE = '#c53030';
const NEUTRAL = '#616e7c';

/** At most this many bars in the Pareto chart; its table lists every cause. */
export const PARETO_BARS = 20;

interface Scale {
  lo: number;
  hi: number;
  step: number;
}

/**
 * A range that holds [min, max] with round bounds, and a step of 1, 2, 2.5 or 5 times a power of ten
 * giving at most `ticks` intervals; whole steps only for counts.
 */
export function niceScale(min: number, max: number, ticks = 5, whole = false): Scale {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { lo: 0, hi: 1, step: whole ? 1 : 0.2 };
  if (max - min < 1e-9) {
    const pad = Math.abs(max) > 1e-9 ? Math.abs(max) * 0.1 : 1;
    return niceScale(min - pad, max + pad, ticks, whole);
  }
  const raw = (max - min) / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const steps = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).filter((s) => !whole || (s >= 1 && Number.isInteger(s)));
  const step = steps.find((s) => s >= raw) ?? (whole ? Math.max(1, Math.ceil(raw)) : 10 * magnitude);
  return { lo: Math.floor(min / step) * step, hi: Math.ceil(max / step) * step, step };
}

/** The fewest decimals (up to 3) that write a scale's step exactly: 0 for 10, 1 for 2.5, 2 for 0.05. */
export const tickDigits = (step: number): number => [0, 1, 2, 3].find((d) => Math.abs(step * 10 ** d - Math.round(step * 10 ** d)) < 1e-9) ?? 3;

const ticksOf = (scale: Scale): number[] => {
  const ticks: number[] = [];
  for (let v = scale.lo; v <= scale.hi + scale.step / 1e6; v += scale.step) ticks.push(Math.round(v / scale.step) * scale.step);
  return ticks;
};

interface Plot {
  x: number;
  y: number;
  width: number;
  height: number;
}

const yOf = (plot: Plot, scale: Scale, v: number) => plot.y + plot.height - ((v - scale.lo) / (scale.hi - scale.lo)) * plot.height;

function axisFrame(w: PdfWriter, plot: Plot, scale: Scale, label: (v: number) => string): void {
  const { doc } = w;
  for (const t of ticksOf(scale)) {
    const y = yOf(plot, scale, t);
    doc.moveTo(plot.x, y).lineTo(plot.x + plot.width, y).lineWidth(0.3).strokeColor('#d9e2ec').stroke();
    w.textAt(label(t), plot.x - 40, y - 3, { size: 6.5, color: MUTED, width: 36, align: 'right' });
  }
  doc.rect(plot.x, plot.y, plot.width, plot.height).lineWidth(0.5).strokeColor(RULE).stroke();
}

function legendEntry(w: PdfWriter, x: number, y: number, text: string, draw: (x: number, y: number) => void): number {
  draw(x, y + 3);
  w.textAt(text, x + 16, y, { size: 7, color: MUTED });
  return x + 16 + w.doc.widthOfString(text) + 14;
}

/** The NPS of 13 months: the 95 % interval as a band, the NPS as a line, the month of the review marked. */
export function npsTrendChart(w: PdfWriter, box: ChartBox, nps: ReviewNps, f: ReviewFormat, labels: ReviewLabels): void {
  const { doc } = w;
  const trend = nps.trend;
  const plot: Plot = { x: box.x + 44, y: box.y + 18, width: box.width - 54, height: box.height - 36 };
  const known = trend.flatMap((m) => [m.value, m.low, m.high]).filter((v): v is number => v !== null);
  const scale = niceScale(Math.min(...known, 0), Math.max(...known, 0));
  axisFrame(w, plot, scale, (v) => f.number(v, tickDigits(scale.step)));
  if (scale.lo < 0 && scale.hi > 0) {
    const y0 = yOf(plot, scale, 0);
    doc.moveTo(plot.x, y0).lineTo(plot.x + plot.width, y0).lineWidth(0.6).dash(2, { space: 2 }).strokeColor(MUTED).stroke().undash();
  }
  const slot = plot.width / Math.max(trend.length, 1);
  const xOf = (i: number) => plot.x + slot * (i + 0.5);
  // The band and the line run through consecutive months with figures; a month without any breaks them.
  const runs: number[][] = [];
  trend.forEach((m, i) => {
    if (m.value === null || m.low === null || m.high === null) return;
    const last = runs.at(-1);
    if (last && last.at(-1) === i - 1) last.push(i);
    else runs.push([i]);
  });
  for (const run of runs) {
    const upper = run.map((i) => [xOf(i), yOf(plot, scale, trend[i]!.high!)]);
    const lower = run.map((i) => [xOf(i), yOf(plot, scale, trend[i]!.low!)]).reverse();
    if (run.length === 1) {
      const [x, top] = upper[0]!;
      doc.rect(x! - 3, top!, 6, lower[0]![1]! - top!).fill(BAND);
    } else {
      doc.polygon(...upper, ...lower).fill(BAND);
    }
    doc.moveTo(xOf(run[0]!), yOf(plot, scale, trend[run[0]!]!.value!));
    for (const i of run.slice(1)) doc.lineTo(xOf(i), yOf(plot, scale, trend[i]!.value!));
    doc.lineWidth(1.5).strokeColor(ACCENT).stroke();
  }
  trend.forEach((m, i) => {
    if (m.value !== null) doc.circle(xOf(i), yOf(plot, scale, m.value), i === trend.length - 1 ? 3 : 2).fill(ACCENT);
    w.textAt(f.monthShort(m.month), xOf(i) - slot / 2, plot.y + plot.height + 4, { size: 6.5, color: MUTED, width: slot, align: 'center' });
  });
  const current = trend.at(-1);
  if (current?.value !== null && current?.value !== undefined) {
    w.textAt(f.points(current.value), xOf(trend.length - 1) - 40, yOf(plot, scale, current.value) - 12, { size: 7.5, bold: true, color: ACCENT, width: 36, align: 'right' });
  }
  let x = plot.x;
  x = legendEntry(w, x, box.y + 2, labels.trendLegend.value, (lx, ly) => {
    doc.moveTo(lx, ly).lineTo(lx + 12, ly).lineWidth(1.5).strokeColor(ACCENT).stroke();
  });
  legendEntry(w, x, box.y + 2, labels.trendLegend.band, (lx, ly) => {
    doc.rect(lx, ly - 3, 12, 6).fill(BAND);
  });
}

/** The Pareto of causes: a bar per cause (its total), the cumulative share on the right axis, the 80 % guide. */
export function paretoChart(w: PdfWriter, box: ChartBox, causes: readonly ReviewCause[], f: ReviewFormat, labels: ReviewLabels): void {
  const { doc } = w;
  const shown = causes.slice(0, PARETO_BARS);
  const plot: Plot = { x: box.x + 44, y: box.y + 18, width: box.width - 88, height: box.height - 34 };
  const scale = niceScale(0, Math.max(...shown.map((c) => c.total), 1), 5, true);
  axisFrame(w, plot, scale, (v) => f.count(v));
  const share = { lo: 0, hi: 1, step: 0.2 };
  for (const t of ticksOf(share)) {
    w.textAt(f.percent(t, 0), plot.x + plot.width + 4, yOf(plot, share, t) - 3, { size: 6.5, color: CUMULATIVE, width: 38 });
  }
  const slot = plot.width / Math.max(shown.length, 1);
  const xOf = (i: number) => plot.x + slot * (i + 0.5);
  shown.forEach((c, i) => {
    const top = yOf(plot, scale, c.total);
    doc.rect(xOf(i) - slot * 0.35, top, slot * 0.7, plot.y + plot.height - top).fill(BAR);
    w.textAt(String(i + 1), xOf(i) - slot / 2, plot.y + plot.height + 4, { size: 6.5, color: MUTED, width: slot, align: 'center' });
  });
  const guide = yOf(plot, share, 0.8);
  doc.moveTo(plot.x, guide).lineTo(plot.x + plot.width, guide).lineWidth(0.8).dash(4, { space: 3 }).strokeColor(CUMULATIVE).stroke().undash();
  if (shown.length > 0) {
    doc.moveTo(xOf(0), yOf(plot, share, shown[0]!.cumulativeShare));
    shown.slice(1).forEach((c, i) => doc.lineTo(xOf(i + 1), yOf(plot, share, c.cumulativeShare)));
    doc.lineWidth(1.3).strokeColor(CUMULATIVE).stroke();
    shown.forEach((c, i) => doc.circle(xOf(i), yOf(plot, share, c.cumulativeShare), 2).fill(CUMULATIVE));
  }
  let x = plot.x;
  x = legendEntry(w, x, box.y + 2, labels.paretoLegend.bars, (lx, ly) => {
    doc.rect(lx, ly - 3, 12, 6).fill(BAR);
  });
  x = legendEntry(w, x, box.y + 2, labels.paretoLegend.cumulative, (lx, ly) => {
    doc.moveTo(lx, ly).lineTo(lx + 12, ly).lineWidth(1.3).strokeColor(CUMULATIVE).stroke();
  });
  x = legendEntry(w, x, box.y + 2, labels.paretoLegend.guide, (lx, ly) => {
    doc.moveTo(lx, ly).lineTo(lx + 12, ly).lineWidth(0.8).dash(4, { space: 3 }).strokeColor(CUMULATIVE).stroke().undash();
  });
  if (causes.length > shown.length) {
    w.textAt(fill(labels.paretoFirst, { shown: f.count(shown.length), count: f.count(causes.length) }), x, box.y + 2, { size: 7, color: MUTED, width: plot.x + plot.width - x, align: 'right' });
  }
}

const DIRECTION_COLOUR = { better: BETTER, worse: WORSE, none: NEUTRAL } as const;

/** One measure of an action's effect: the window before and the window after, each a point with its 95 % whisker. */
export function effectChart(
  w: PdfWriter,
  box: ChartBox,
  title: string,
  measure: EffectMeasure,
  value: (v: number) => string,
  labels: ReviewLabels,
): void {
  const { doc } = w;
  w.textAt(title, box.x, box.y, { size: 7.5, bold: true, width: box.width });
  const plot: Plot = { x: box.x + 44, y: box.y + 14, width: box.width - 52, height: box.height - 28 };
  const scale = niceScale(Math.min(measure.beforeLow, measure.afterLow), Math.max(measure.beforeHigh, measure.afterHigh), 3);
  axisFrame(w, plot, scale, value);
  const points = [
    { x: plot.x + plot.width * 0.28, v: measure.before, low: measure.beforeLow, high: measure.beforeHigh, label: labels.before, colour: NEUTRAL },
    { x: plot.x + plot.width * 0.72, v: measure.after, low: measure.afterLow, high: measure.afterHigh, label: labels.after, colour: DIRECTION_COLOUR[measure.direction] },
  ];
  for (const p of points) {
    const top = yOf(plot, scale, p.high);
    const bottom = yOf(plot, scale, p.low);
    doc.moveTo(p.x, top).lineTo(p.x, bottom).moveTo(p.x - 4, top).lineTo(p.x + 4, top).moveTo(p.x - 4, bottom).lineTo(p.x + 4, bottom);
    doc.lineWidth(1).strokeColor(p.colour).stroke();
    doc.circle(p.x, yOf(plot, scale, p.v), 2.8).fill(p.colour);
    w.textAt(p.label, p.x - 30, plot.y + plot.height + 3, { size: 6.5, color: MUTED, width: 60, align: 'center' });
  }
  doc.moveTo(points[0]!.x, yOf(plot, scale, measure.before)).lineTo(points[1]!.x, yOf(plot, scale, measure.after)).lineWidth(0.5).dash(2, { space: 2 }).strokeColor(INK).stroke().undash();
}
