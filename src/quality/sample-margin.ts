import type { Kysely } from 'kysely';
import { normalQuantile } from '../shared/normal.js';
import { marginOfError, sampleSizeFor } from '../shared/sample-size.js';
import type { Database } from '../storage/schema.js';
import { eligibleContacts, parsePeriod } from './sample-population.js';

export interface MarginFigures {
  n: number;
  p: number;
  confidence: number;
  population: number;
  margin: number | null;
}

/** The critical value of a two-sided confidence level (0.95 → 1.96). */
export const criticalValue = (confidence: number) => normalQuantile(1 - (1 - confidence) / 2);

/** The margin of error of the team quality score on n random items out of a population (docs/quality.md, "Sampling"). */
export function teamMargin(n: number, population: number, p = 0.5, confidence = 0.95): MarginFigures {
  const margin = population === 0 ? null : marginOfError(Math.min(n, population), p, criticalValue(confidence), population);
  return { n, p, confidence, population, margin };
}

export interface PlanRequest {
  period: string;
  teamId: string | null;
  perAdvisor: number;
  p: number;
  confidence: number;
  /** target margin, as a proportion; none: no sizing */
  target: number | null;
}

/** What a draw of perAdvisor would give for the period (the team's margin), and the size a target margin asks. */
export async function planMargin(db: Kysely<Database>, request: PlanRequest) {
  const population = await eligibleContacts(db, parsePeriod(request.period), request.teamId);
  const perAdvisor = new Map<string, number>();
  for (const c of population) perAdvisor.set(c.advisorId, (perAdvisor.get(c.advisorId) ?? 0) + 1);
  const n = [...perAdvisor.values()].reduce((sum, count) => sum + Math.min(count, request.perAdvisor), 0);
  const advisors = perAdvisor.size;
  const margin = teamMargin(n, population.length, request.p, request.confidence);
  let target = null;
  if (request.target !== null) {
    const size = sampleSizeFor(request.target, request.p, criticalValue(request.confidence), population.length > 0 ? population.length : undefined);
    target = { margin: request.target, size, perAdvisor: advisors === 0 ? null : Math.ceil(size / advisors) };
  }
  return { period: parsePeriod(request.period).label, teamId: request.teamId, advisors, margin, target };
}
