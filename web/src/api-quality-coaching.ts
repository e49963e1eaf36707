import { enc, request } from './api.js';
import type { CoachingOpeningView, CoachingProgressView, CoachingSessionView } from './types.js';

/** Coaching's calls (docs/quality.md, "Coaching"). */
export const coachingApi = {
  list: (advisor?: string) => request<{ items: CoachingSessionView[] }>('GET', `/api/v1/quality/coaching${advisor ? `?advisor=${enc(advisor)}` : ''}`),
  opening: (advisor: string) => request<CoachingOpeningView>('GET', `/api/v1/quality/coaching/opening?advisor=${enc(advisor)}`),
  progress: (advisor: string) => request<CoachingProgressView>('GET', `/api/v1/quality/coaching/progress?advisor=${enc(advisor)}`),
  create: (input: { advisorId: string; focus: string[]; evaluationIds: string[]; notes: string; actions: { text: string; dueDate: string }[] }) => request<CoachingSessionView>('POST', '/api/v1/quality/coaching', input),
  action: (id: string, patch: { state?: 'open' | 'done' | 'dropped'; followUp?: string }) => request<CoachingSessionView>('PATCH', `/api/v1/quality/coaching-actions/${enc(id)}`, patch),
};
