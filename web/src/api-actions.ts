import { enc, query, request, type QueryValues } from './api.js';
import type { ActionDetail, ActionEffect, ActionEvidence, ActionOwner, ActionStep, ActionSummary, Cause, Department } from './types.js';

/** What POST /actions takes (docs/improvement.md, "Actions over the API"). */
export interface NewActionInput {
  title: string;
  description: string;
  causeCodes: string[];
  dueDate: string;
  ownerId?: string;
  proposedAt?: string;
  targetText?: string;
  targetMeasure?: string;
  targetDirection?: string;
  targetValue?: number | null;
  beforeWeeks?: number;
  afterWeeks?: number;
}

/** What a step of the lifecycle carries; each step reads the fields it needs. */
export interface ActionStepInput {
  reason?: string;
  expectedVersion?: number;
  doneAt?: string;
  override?: boolean;
}

/** The improvement actions board's calls. */
export const actionsApi = {
  list: (params: QueryValues) => request<{ items: ActionSummary[]; next: string | null }>('GET', `/api/v1/actions?${query(params)}`),
  /** The same list as a CSV file, for an <a download> (the session cookie goes along). */
  csvUrl: (params: QueryValues) => `/api/v1/actions?${query({ ...params, format: 'csv' })}`,
  get: (id: string, lang: string) => request<ActionDetail>('GET', `/api/v1/actions/${enc(id)}?lang=${enc(lang)}`),
  create: (input: NewActionInput) => request<ActionDetail>('POST', '/api/v1/actions', input),
  step: (id: string, step: ActionStep, input: ActionStepInput) => request<ActionDetail>('POST', `/api/v1/actions/${enc(id)}/${step}`, input),
  effect: (id: string) => request<ActionEffect>('GET', `/api/v1/actions/${enc(id)}/effect`),
  evidence: (id: string) => request<{ items: ActionEvidence[] }>('GET', `/api/v1/actions/${enc(id)}/evidence`),
  addEvidence: (id: string, kind: string, subjectId: string) => request<ActionDetail>('POST', `/api/v1/actions/${enc(id)}/evidence`, { kind, subjectId }),
  removeEvidence: (id: string, evidenceId: string) => request<void>('DELETE', `/api/v1/actions/${enc(id)}/evidence/${enc(evidenceId)}`),
  owners: () => request<{ items: ActionOwner[] }>('GET', '/api/v1/action-owners'),
  causes: (lang: string) => request<{ items: Cause[] }>('GET', `/api/v1/causes?lang=${enc(lang)}`),
  departments: (lang: string) => request<{ items: Department[] }>('GET', `/api/v1/departments?lang=${enc(lang)}`),
};
