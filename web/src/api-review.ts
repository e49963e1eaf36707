import type { MonthlyReview } from '../../src/contract/review.js';
import { query, request } from './api.js';

/** The monthly review (docs/improvement.md, "The monthly review"): its figures, and the same as PDF or CSV. */
export const reviewApi = {
  monthly: (month: string, lang: string) => request<MonthlyReview>('GET', `/api/v1/review/monthly?${query({ month, lang })}`),
  /** The PDF or CSV for an <a download> (the session cookie goes along). */
  fileUrl: (month: string, lang: string, format: 'pdf' | 'csv') => `/api/v1/review/monthly?${query({ month, lang, format })}`,
};
