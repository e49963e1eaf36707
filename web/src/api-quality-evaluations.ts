import { enc, query, request, type QueryValues } from './api.js';
import type { AnswerValue, EvaluationDetailView, EvaluationMarker, EvaluationSummaryView, ScorecardContent, ScorecardSummaryView, ScorecardVersionView } from './types.js';

/** What PATCH /quality/evaluations/{id} takes. */
export interface EvaluationEditInput {
  answers?: { criterion: string; answer: AnswerValue; comment: string }[];
  strengths?: string;
  improvements?: string;
  markers?: EvaluationMarker[];
}

/** The scorecards' and evaluations' calls (docs/quality.md). */
export const evaluationsApi = {
  list: (params: QueryValues) => request<{ items: EvaluationSummaryView[]; next: string | null }>('GET', `/api/v1/quality/evaluations?${query(params)}`),
  csvUrl: (params: QueryValues) => `/api/v1/quality/evaluations?${query({ ...params, format: 'csv' })}`,
  get: (id: string) => request<EvaluationDetailView>('GET', `/api/v1/quality/evaluations/${enc(id)}`),
  create: (interactionId: string, scorecardVersionId?: string, sampleItemId?: string) =>
    request<EvaluationDetailView>('POST', '/api/v1/quality/evaluations', { interactionId, ...(scorecardVersionId ? { scorecardVersionId } : {}), ...(sampleItemId ? { sampleItemId } : {}) }),
  edit: (id: string, input: EvaluationEditInput) => request<EvaluationDetailView>('PATCH', `/api/v1/quality/evaluations/${enc(id)}`, input),
  submit: (id: string) => request<EvaluationDetailView>('POST', `/api/v1/quality/evaluations/${enc(id)}/submit`),
  acknowledge: (id: string) => request<EvaluationDetailView>('POST', `/api/v1/quality/evaluations/${enc(id)}/acknowledge`),
  dispute: (id: string, items: { criterion: string; comment: string; proposedAnswer: AnswerValue }[]) =>
    request<EvaluationDetailView>('POST', `/api/v1/quality/evaluations/${enc(id)}/dispute`, { items }),
  decide: (id: string, items: { criterion: string; decision: 'keep' | 'accept' | 'set'; answer?: AnswerValue; comment?: string }[]) =>
    request<EvaluationDetailView>('POST', `/api/v1/quality/evaluations/${enc(id)}/decide`, { items }),
  scorecards: () => request<{ items: ScorecardSummaryView[] }>('GET', '/api/v1/quality/scorecards'),
  version: (id: string) => request<ScorecardVersionView>('GET', `/api/v1/quality/scorecard-versions/${enc(id)}`),
  createScorecard: (name: string, content: ScorecardContent) => request<ScorecardVersionView>('POST', '/api/v1/quality/scorecards', { name, content }),
  newDraft: (scorecardId: string) => request<ScorecardVersionView>('POST', `/api/v1/quality/scorecards/${enc(scorecardId)}/versions`),
  editDraft: (id: string, input: { name?: string; content: ScorecardContent }) => request<ScorecardVersionView>('PUT', `/api/v1/quality/scorecard-versions/${enc(id)}`, input),
  publish: (id: string) => request<ScorecardVersionView>('POST', `/api/v1/quality/scorecard-versions/${enc(id)}/publish`),
  archive: (id: string) => request<ScorecardVersionView>('POST', `/api/v1/quality/scorecard-versions/${enc(id)}/archive`),
};
