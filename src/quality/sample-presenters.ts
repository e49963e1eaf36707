import type { SampleDetail, SampleHead, SampleItem } from '../contract/quality-sampling.js';
import type { QualitySampleTable } from '../storage/schema.js';
import { randomItems } from './sample-draw.js';
import { teamMargin } from './sample-margin.js';
import type { SampleItemView, SampleView } from './sample-service.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A sample's head; the seed only for a reader who reaches everyone's records (`showSeed`). */
export function presentSampleHead(s: QualitySampleTable, showSeed: boolean): SampleHead {
  return {
    id: s.id, period: s.period, teamId: s.team_id, seed: showSeed ? s.seed : null, perAdvisor: s.per_advisor, oversample: s.oversample,
    populationSize: s.population_size, populationHash: s.population_hash, drawnBy: s.drawn_by, drawnAt: iso(Number(s.drawn_at)),
    withdrawn: s.withdrawn_at === null ? null : { at: iso(Number(s.withdrawn_at)), by: s.withdrawn_by ?? '', reason: s.withdraw_reason ?? '' },
  };
}

export function presentSampleItem(i: SampleItemView): SampleItem {
  return {
    id: i.id, contactId: i.contactId, advisorId: i.advisorId, advisorName: i.advisorName, channel: i.channel, reason: i.reason,
    startedAt: iso(i.startedAt), kind: i.kind, stratum: i.stratum,
    why: { stratum: i.why.stratum, stratumSize: i.why.stratumSize, advisorPopulation: i.why.advisorPopulation, share: i.why.share, allocated: i.why.allocated, rank: i.why.rank, sortKey: i.why.sortKey },
    replacesItemId: i.replacesItemId,
    replaced: i.replaced && { at: iso(i.replaced.at), by: i.replaced.by, reason: i.replaced.reason, note: i.replaced.note },
  };
}

/** A sample, with the margin of the team score over its live random items (never the detractor oversample). */
export function presentSample(view: SampleView, showSeed: boolean): SampleDetail {
  const live = randomItems(view.items.filter((i) => i.replaced === null));
  return {
    ...presentSampleHead(view.sample, showSeed),
    advisors: view.advisors.map((a) => ({ advisorId: a.advisorId, population: a.population })),
    items: view.items.map(presentSampleItem),
    margin: teamMargin(live.length, view.sample.population_size),
  };
}

export const SAMPLE_CSV_COLUMNS = [
  'period', 'seed', 'advisor_id', 'advisor', 'contact_id', 'channel', 'reason', 'started_at', 'kind', 'stratum',
  'stratum_size', 'advisor_population', 'share', 'allocated', 'rank', 'replaces_item', 'replaced_reason', 'replaced_note',
] as const;

export function sampleCsvRow(view: SampleView, i: SampleItemView, showSeed: boolean): Record<(typeof SAMPLE_CSV_COLUMNS)[number], unknown> {
  return {
    period: view.sample.period, seed: showSeed ? view.sample.seed : '', advisor_id: i.advisorId, advisor: i.advisorName, contact_id: i.contactId,
    channel: i.channel, reason: i.reason ?? '', started_at: iso(i.startedAt), kind: i.kind, stratum: i.stratum,
    stratum_size: i.why.stratumSize, advisor_population: i.why.advisorPopulation, share: i.why.share.toFixed(4), allocated: i.why.allocated,
    rank: i.why.rank, replaces_item: i.replacesItemId ?? '', replaced_reason: i.replaced?.reason ?? '', replaced_note: i.replaced?.note ?? '',
  };
}
