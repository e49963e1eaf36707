import { enc, query, request } from './api.js';
import type { SampleDetail, SampleHead, SampleItem, SamplePlan, SampleVerification } from '../../src/contract/quality-sampling.js';

export type { SampleDetail, SampleHead, SampleItem, SamplePlan, SampleVerification };

export type ReplaceReason = 'unusable-recording' | 'wrong-advisor' | 'other';

/** The coach's samples of contacts to listen to (docs/quality.md, "Sampling"). */
export const samplingApi = {
  list: (period: string) => request<{ items: SampleHead[] }>('GET', `/api/v1/quality/samples?${query({ period })}`),
  plan: (params: { period: string; perAdvisor: number; target?: number | undefined }) =>
    request<SamplePlan>('GET', `/api/v1/quality/samples/plan?${query({ period: params.period, perAdvisor: params.perAdvisor, target: params.target })}`),
  draw: (input: { period: string; perAdvisor: number; oversample: number; seed?: string | undefined }) => request<SampleDetail>('POST', '/api/v1/quality/samples', input),
  get: (id: string) => request<SampleDetail>('GET', `/api/v1/quality/samples/${enc(id)}`),
  verify: (id: string) => request<SampleVerification>('POST', `/api/v1/quality/samples/${enc(id)}/verify`),
  replace: (id: string, itemId: string, input: { reason: ReplaceReason; note?: string | undefined }) =>
    request<SampleDetail>('POST', `/api/v1/quality/samples/${enc(id)}/items/${enc(itemId)}/replace`, input),
  withdraw: (id: string, reason: string) => request<SampleHead>('POST', `/api/v1/quality/samples/${enc(id)}/withdraw`, { reason }),
  csvUrl: (id: string) => `/api/v1/quality/samples/${enc(id)}/export.csv`,
};
