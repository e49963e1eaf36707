import type { FieldReader } from '../imports/csv-rows.js';
import { categoryOf } from '../nps/statistics.js';

/**
 * The figures of one row of a studies file: the NPS basis, and the shares of promoters, passives
 * and detractors, given as such or computed from the distribution of scores.
 */

/** The scale and thresholds a study's figures were measured on. */
export interface NpsBasis {
  scaleMin: number;
  scaleMax: number;
  /** lowest score of a promoter */
  promoterMin: number;
  /** highest score of a detractor */
  detractorMax: number;
}

/** Shares of the respondents, 0–1, summing to 1. */
export interface NpsShares {
  promoters: number;
  passives: number;
  detractors: number;
}

/** The scores as the file gave them: a count, or a share 0–1, per score of the scale. */
export interface ScoreDistribution {
  unit: 'count' | 'share';
  /** score ("0" … "10") → count or share; every score of the scale is there */
  scores: Record<string, number>;
}

export interface StudyFigures {
  basis: NpsBasis;
  shares: NpsShares;
  distribution: ScoreDistribution | null;
}

/**
 * Reports an error on a column, or on the row as a whole (`undefined`): its reason in English, and a
 * stable code with the values it is made of, for a client that words it in its reader's language.
 */
export type Fail = (field: string | undefined, reason: string, code: string, params?: Record<string, string | number>) => void;

const DEFAULT_BASIS: NpsBasis = { scaleMin: 0, scaleMax: 10, promoterMin: 9, detractorMax: 6 };

export const SHARE_COLUMNS = ['promoters', 'passives', 'detractors'] as const;
export const SCORE_COLUMNS = Array.from({ length: 11 }, (_, score) => `score_${score}`);
export const BASIS_COLUMNS = ['scale', 'promoter_min', 'detractor_max'] as const;

const SCALES: Record<string, [min: number, max: number]> = { '0-10': [0, 10], '1-10': [1, 10] };

/** Shares may add up to 100% give or take this many points: the firms round them. */
const TOLERANCE_POINTS = 0.5;

/**
 * Reads the basis and the figures of a row: the shares, or the scores from which they are computed.
 * `n` (undefined when the row's n is wrong) is what counts of scores must add up to.
 */
export function parseFigures(get: FieldReader, n: number | undefined, fail: Fail): StudyFigures | undefined {
  const basis = parseBasis(get, fail);
  const hasShares = SHARE_COLUMNS.some((column) => get(column) !== '');
  const hasScores = SCORE_COLUMNS.some((column) => get(column) !== '');
  if (hasShares && hasScores) {
    fail(undefined, 'give either the shares (promoters, passives, detractors) or the scores (score_0 … score_10), not both', 'shares-and-scores');
    return undefined;
  }
  if (!hasShares && !hasScores) {
    fail(undefined, 'has no figures: give promoters, passives and detractors, or the scores score_0 … score_10', 'no-figures');
    return undefined;
  }
  if (hasShares) {
    const shares = parseShares(get, fail);
    return basis && shares && { basis, shares, distribution: null };
  }
  const distribution = parseDistribution(get, basis ?? DEFAULT_BASIS, n, fail);
  return basis && distribution && { basis, shares: sharesOf(distribution, basis), distribution };
}

/** `scale` (0-10 by default, or 1-10), `promoter_min` (9) and `detractor_max` (6). */
function parseBasis(get: FieldReader, fail: Fail): NpsBasis | undefined {
  const scaleRaw = get('scale');
  const scale = scaleRaw === '' ? SCALES['0-10'] : SCALES[scaleRaw.replace(/\s/g, '').replace('–', '-')];
  if (!scale) fail('scale', `"${scaleRaw}" is not a scale Ecoute knows (0-10 or 1-10)`, 'unknown-scale', { value: scaleRaw });
  // An unreadable scale: the thresholds are still checked, against the default one.
  const [scaleMin, scaleMax] = scale ?? SCALES['0-10']!;
  const threshold = (column: 'promoter_min' | 'detractor_max', fallback: number) => {
    const raw = get(column);
    if (raw === '') return fallback;
    const score = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (score >= scaleMin && score <= scaleMax) return score;
    fail(column, `"${raw}" is not a score of the ${scaleMin}-${scaleMax} scale`, 'not-a-score', { value: raw, min: scaleMin, max: scaleMax });
    return undefined;
  };
  const promoterMin = threshold('promoter_min', DEFAULT_BASIS.promoterMin);
  const detractorMax = threshold('detractor_max', DEFAULT_BASIS.detractorMax);
  if (promoterMin === undefined || detractorMax === undefined) return undefined;
  if (detractorMax >= promoterMin) {
    fail('detractor_max', `${detractorMax} must be below promoter_min (${promoterMin})`, 'thresholds-overlap', { detractorMax, promoterMin });
    return undefined;
  }
  return scale && { scaleMin, scaleMax, promoterMin, detractorMax };
}

/** `42%`, `42,5%`, `42` or `0.42`: the same way for the three, adding up to 100%. */
function parseShares(get: FieldReader, fail: Fail): NpsShares | undefined {
  const read = SHARE_COLUMNS.map((column) => {
    const raw = get(column);
    const number = readNumber(raw);
    if (!number) {
      if (raw === '') fail(column, 'is required with promoters, passives and detractors', 'share-required');
      else fail(column, `"${raw}" is not a share (expected e.g. 42%, 42,5%, 42 or 0.42)`, 'not-a-share', { value: raw });
    }
    return number;
  });
  if (!isComplete(read)) return undefined;
  const signs = read.filter((number) => number.percent).length;
  if (signs !== 0 && signs !== read.length) {
    fail(undefined, 'write promoters, passives and detractors the same way: all three with %, or none', 'shares-mixed-percent');
    return undefined;
  }
  // Without %, 0.42 is a fraction and 42 a percentage; three percentages of at most 1 cannot add up to 100.
  const fractions = signs === 0 && read.every((number) => number.value <= 1);
  const [promoters, passives, detractors] = read.map((number) => (fractions ? 100 * number.value : number.value)) as [number, number, number];
  const total = promoters + passives + detractors;
  if (Math.abs(total - 100) > TOLERANCE_POINTS) {
    fail(undefined, `promoters + passives + detractors = ${total.toFixed(1)}%, expected 100% (± ${TOLERANCE_POINTS})`, 'shares-total', {
      total: +total.toFixed(1), tolerance: TOLERANCE_POINTS,
    });
    return undefined;
  }
  // Scaled to add up to exactly 1: what is left over is the firm's rounding.
  return { promoters: promoters / total, passives: passives / total, detractors: detractors / total };
}

/**
 * `score_0` … `score_10`: counts adding up to n, or shares (`12%`, `12,5`, `0.125`) adding up to
 * 100%. An empty score is nobody; a score outside the scale must be empty (or 0).
 */
function parseDistribution(get: FieldReader, basis: NpsBasis, n: number | undefined, fail: Fail): ScoreDistribution | undefined {
  let readable = true;
  const given = SCORE_COLUMNS.flatMap((column, score) => {
    const raw = get(column);
    if (raw === '') return [];
    const number = readNumber(raw);
    if (!number) {
      fail(column, `"${raw}" is not a number (expected a count such as 120, or a share such as 12%, 12,5% or 0.125)`, 'not-a-number', { value: raw });
      readable = false;
      return [];
    }
    if ((score < basis.scaleMin || score > basis.scaleMax) && number.value > 0) {
      fail(column, `is outside the ${basis.scaleMin}-${basis.scaleMax} scale: leave it empty`, 'outside-scale', { min: basis.scaleMin, max: basis.scaleMax });
      readable = false;
    }
    return [{ score, ...number }];
  });
  if (!readable) return undefined;
  const signs = given.filter((number) => number.percent).length;
  if (signs !== 0 && signs !== given.length) {
    fail(undefined, 'write the scores the same way: all with %, or none', 'scores-mixed-percent');
    return undefined;
  }
  const total = given.reduce((sum, number) => sum + number.value, 0);
  const counts = signs === 0 && given.every((number) => Number.isInteger(number.value));
  const unit = unitOf(total, counts && total === n, signs > 0);
  if (!unit) {
    // Counts are checked against n: when n is wrong, its own error says it all.
    if (!counts || n !== undefined) {
      const scores = `score_${basis.scaleMin} … score_${basis.scaleMax}`;
      fail(undefined, `${scores} add up to ${+total.toFixed(3)}: counts must add up to n (${n ?? '?'}), shares to 100% (± ${TOLERANCE_POINTS})`, 'scores-total', {
        min: basis.scaleMin, max: basis.scaleMax, total: +total.toFixed(3), n: n ?? '?', tolerance: TOLERANCE_POINTS,
      });
    }
    return undefined;
  }
  const value = new Map(given.map(({ score, value }) => [score, value / unit.divisor]));
  const scores: Record<string, number> = {};
  for (let score = basis.scaleMin; score <= basis.scaleMax; score++) scores[score] = value.get(score) ?? 0;
  return { unit: unit.unit, scores };
}

/** What the scores are, from what they add up to; `divisor` turns them into counts or shares 0–1. */
function unitOf(total: number, countsOfN: boolean, percentSigns: boolean): { unit: ScoreDistribution['unit']; divisor: number } | undefined {
  if (countsOfN) return { unit: 'count', divisor: 1 };
  if (Math.abs(total - 100) <= TOLERANCE_POINTS) return { unit: 'share', divisor: 100 };
  if (!percentSigns && Math.abs(total - 1) <= TOLERANCE_POINTS / 100) return { unit: 'share', divisor: 1 };
  return undefined;
}

/** Promoters, passives and detractors of a distribution, on the basis. */
function sharesOf(distribution: ScoreDistribution, basis: NpsBasis): NpsShares {
  let promoters = 0;
  let detractors = 0;
  let total = 0;
  for (const [score, value] of Object.entries(distribution.scores)) {
    total += value;
    const category = categoryOf(Number(score), basis);
    if (category === 'promoter') promoters += value;
    else if (category === 'detractor') detractors += value;
  }
  return { promoters: promoters / total, passives: (total - promoters - detractors) / total, detractors: detractors / total };
}

/** A number as people write it: `42`, `0.42`, `42,5` (decimal comma), optionally followed by `%`. */
function readNumber(raw: string): { value: number; percent: boolean } | undefined {
  const m = /^(\d+(?:[.,]\d+)?)\s*(%)?$/.exec(raw.replace(/[\u00a0\u202f]/g, ' '));
  return m ? { value: Number(m[1]!.replace(',', '.')), percent: m[2] !== undefined } : undefined;
}

function isComplete<T>(values: (T | undefined)[]): values is T[] {
  return values.every((value) => value !== undefined);
}
