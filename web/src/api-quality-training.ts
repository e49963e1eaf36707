import { enc, query, request } from './api.js';
import type { ComplianceView, TrainablePersonView, TrainingEffectView, TrainingRequirementView, TrainingSessionView, TrainingView } from './types.js';

export type AttendanceStatus = 'enrolled' | 'attended' | 'completed' | 'absent';

/** Trainings, their sessions and attendance, required trainings and their figures (docs/quality.md, "Training"). */
export const trainingApi = {
  list: (archived = false) => request<{ items: TrainingView[] }>('GET', `/api/v1/quality/trainings${archived ? '?archived=true' : ''}`),
  create: (body: { code: string; title: string; kind: string; audiences: string[]; durationMinutes: number; description: string }) => request<TrainingView>('POST', '/api/v1/quality/trainings', body),
  archive: (id: string, archived: boolean) => request<TrainingView>('PATCH', `/api/v1/quality/trainings/${enc(id)}`, { archived }),
  effect: (id: string, window: number) => request<TrainingEffectView>('GET', `/api/v1/quality/trainings/${enc(id)}/effect?window=${window}`),
  sessions: (trainingId?: string) => request<{ items: TrainingSessionView[] }>('GET', `/api/v1/quality/training-sessions${trainingId ? `?${query({ training: trainingId })}` : ''}`),
  session: (id: string) => request<TrainingSessionView>('GET', `/api/v1/quality/training-sessions/${enc(id)}`),
  plan: (body: { trainingId: string; startsAt: string; endsAt: string; place: string; trainer: string; capacity: number | null }) => request<TrainingSessionView>('POST', '/api/v1/quality/training-sessions', body),
  cancel: (id: string) => request<TrainingSessionView>('PATCH', `/api/v1/quality/training-sessions/${enc(id)}`, { cancelled: true }),
  attendance: (id: string, changes: { userId: string; status: AttendanceStatus | null }[]) => request<TrainingSessionView>('POST', `/api/v1/quality/training-sessions/${enc(id)}/attendance`, { changes }),
  people: () => request<{ items: TrainablePersonView[] }>('GET', '/api/v1/quality/training-people'),
  requirements: () => request<{ items: TrainingRequirementView[] }>('GET', '/api/v1/quality/training-requirements'),
  require: (body: { trainingId: string; role: string; siteKind: string; dueDate: string }) => request<TrainingRequirementView>('POST', '/api/v1/quality/training-requirements', body),
  unrequire: (id: string) => request<void>('DELETE', `/api/v1/quality/training-requirements/${enc(id)}`),
  compliance: (status?: string) => request<{ items: ComplianceView[] }>('GET', `/api/v1/quality/training-compliance${status ? `?${query({ status })}` : ''}`),
  complianceCsvUrl: (status?: string) => `/api/v1/quality/training-compliance?${query({ status: status || undefined, format: 'csv' })}`,
};
