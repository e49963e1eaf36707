import { enc, request } from './api.js';
import type { AnswerValue, CalibrationCandidateView, CalibrationDetailView, CalibrationSummaryView } from './types.js';

/** The calibration sessions' calls (docs/quality.md, "Calibration and agreement"). */
export const calibrationApi = {
  list: () => request<{ items: CalibrationSummaryView[] }>('GET', '/api/v1/quality/calibrations'),
  candidates: () => request<{ items: CalibrationCandidateView[] }>('GET', '/api/v1/quality/calibration-evaluators'),
  create: (input: { title: string; interactionIds: string[]; evaluatorIds: string[] }) => request<CalibrationDetailView>('POST', '/api/v1/quality/calibrations', input),
  get: (id: string) => request<CalibrationDetailView>('GET', `/api/v1/quality/calibrations/${enc(id)}`),
  score: (id: string, interactionId: string, answers: { criterion: string; answer: AnswerValue }[]) =>
    request<CalibrationDetailView>('PUT', `/api/v1/quality/calibrations/${enc(id)}/scores/${enc(interactionId)}`, { answers }),
  reveal: (id: string) => request<CalibrationDetailView>('POST', `/api/v1/quality/calibrations/${enc(id)}/reveal`),
  references: (id: string, references: { interactionId: string; score: number | null }[]) => request<CalibrationDetailView>('PUT', `/api/v1/quality/calibrations/${enc(id)}/references`, { references }),
};
