import type { ApiToken, AuditEntry } from '../../src/contract/access.js';
import type { Role } from '../../src/contract/common.js';
import type { StudyImportReport } from '../../src/contract/studies.js';
import { ApiError, enc, query, request, type Problem } from './api.js';
import type { ExternalStudy, Reason } from './types.js';

export type { ApiToken, AuditEntry, StudyImportReport };
export type TokenScope = ApiToken['scopes'][number];

/** What a reason is saved with (PUT /reasons/{code}); a field left out keeps its value. */
export interface ReasonSave {
  labels: { fr: string; de: string; en: string };
  active?: boolean;
}

/** The filters of the audit trail (GET /audit and its CSV export). */
export type AuditFilters = {
  who?: string | undefined;
  customer?: string | undefined;
  action?: string | undefined;
  /** ISO 8601 */
  from?: string | undefined;
  /** ISO 8601, exclusive */
  to?: string | undefined;
};

/** The administration pages' calls (docs/console.md, "Administration"). */
export const adminApi = {
  reasons: (lang: string) => request<{ items: Reason[] }>('GET', `/api/v1/reasons?${query({ lang, includeInactive: 'true' })}`),
  saveReason: (code: string, body: ReasonSave) => request<void>('PUT', `/api/v1/reasons/${enc(code)}`, body),
  moveReason: (code: string, direction: 'up' | 'down') => request<void>('POST', `/api/v1/reasons/${enc(code)}/move`, { direction }),

  tokens: () => request<{ items: ApiToken[]; scopesByRole: Record<Role, TokenScope[]> }>('GET', '/api/v1/tokens'),
  createToken: (body: { name: string; role: Role; scopes: TokenScope[]; expiresAt?: string }) =>
    request<{ token: ApiToken; value: string }>('POST', '/api/v1/tokens', body),
  revokeToken: (id: string) => request<ApiToken>('DELETE', `/api/v1/tokens/${enc(id)}`),

  audit: (filters: AuditFilters & { limit: number; before?: string | undefined }) =>
    request<{ items: AuditEntry[]; next: string | null }>('GET', `/api/v1/audit?${query(filters)}`),
  /** The CSV export for an <a download> (the session cookie goes along). */
  auditCsvUrl: (filters: AuditFilters) => `/api/v1/audit/export?${query(filters)}`,

  studies: () => request<{ items: ExternalStudy[] }>('GET', '/api/v1/studies'),
  deleteStudy: (id: string) => request<ExternalStudy>('DELETE', `/api/v1/studies/${enc(id)}`),
  /** Sends a CSV file as it is (text/csv); a file with row errors is a 422 whose `errors` name each (field "line N, column"). */
  async importStudies(file: File): Promise<StudyImportReport> {
    let response: Response;
    try {
      response = await fetch(`/api/v1/studies/import?${query({ fileName: file.name })}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'content-type': 'text/csv' },
        body: file,
      });
    } catch {
      throw new ApiError({ type: 'about:blank#network', title: 'Network error', status: 0, detail: '' });
    }
    const data: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const problem = typeof data === 'object' && data !== null && 'status' in data ? (data as Problem) : { type: 'about:blank', title: response.statusText, status: response.status, detail: '' };
      throw new ApiError(problem);
    }
    return data as StudyImportReport;
  },
};
