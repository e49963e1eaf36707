import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { FieldProblem } from '../shared/errors.js';

/** An RFC 9457 problem document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldProblem[];
  /** the values the detail is made of, so that a client can word the problem in its reader's language */
  params?: Record<string, string | number>;
}

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Cannot process',
  429: 'Too many attempts',
  500: 'Internal error',
  503: 'Unavailable',
};

export function problem(
  c: Context,
  status: number,
  code: string,
  detail: string,
  errors?: FieldProblem[],
  params?: Record<string, string | number>,
): Response {
  const body: Problem = {
    type: `https://ecoute.lu/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...(params ? { params } : {}),
  };
  return c.body(JSON.stringify(body), status as ContentfulStatusCode, { 'content-type': 'application/problem+json' });
}

/** Turns zod issues into field/reason pairs a person can act on. */
export function zodFields(error: ZodError, prefix = ''): { field: string; reason: string }[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter(Boolean).join('.') || '(body)';
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    return { field, reason: missing ? 'is required' : issue.message };
  });
}

export function validationProblem(c: Context, error: ZodError, target: string): Response {
  const fields = zodFields(error, target === 'json' ? '' : '');
  const detail = fields.map((f) => `${f.field} ${f.reason}`).join('; ');
  return problem(c, 400, 'invalid-input', detail, fields);
}
