import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { FieldIssue, IssueParams } from '../shared/errors.js';

const params = z.record(z.string(), z.union([z.string(), z.number()]));

/** One refused field of a problem: what a client shows next to it. */
export const fieldProblemSchema = z
  .object({
    field: z.string().openapi({ description: 'the field, as a dotted path into the body or the query parameter (lines.0.msisdn)' }),
    reason: z.string().openapi({ description: 'what is wrong, in English, for API users; never shown to a person as it is' }),
    code: z.string().openapi({
      description:
        'stable code of what is wrong: required, too-short, too-long (params minimum, maximum: characters), too-small, too-large (a number), too-few, too-many (items), not-a-number, not-whole-number, wrong-type, invalid-format (format), not-one-of (options), unknown-field, unsafe-text, invalid, or a code of the domain (docs/ARCHITECTURE.md, "Errors")',
      example: 'too-long',
    }),
    params: params.optional().openapi({ description: 'the values the reason is made of', example: { maximum: 100 } }),
  })
  .openapi('FieldProblem');

/** An RFC 9457 problem document (application/problem+json), the answer of every refused request. */
export const problemSchema = z
  .object({
    type: z.string().openapi({ description: 'https://ecoute.lu/problems/<code>: its last segment is the stable code of the problem', example: 'https://ecoute.lu/problems/invalid-input' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().openapi({ description: 'what happened, in English, for API users and logs; a console words the code and params instead' }),
    errors: z.array(fieldProblemSchema).optional().openapi({ description: 'every refused field at once' }),
    params: params.optional().openapi({ description: 'the values the detail is made of (a count, a limit), for a client that words the problem in its reader’s language' }),
  })
  .openapi('Problem');

/** One refused field, as sent. */
export type FieldProblem = z.infer<typeof fieldProblemSchema>;
/** An RFC 9457 problem document. */
export type Problem = z.infer<typeof problemSchema>;

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
  errors?: FieldIssue[],
  params?: IssueParams,
): Response {
  const body: Problem = {
    type: `https://ecoute.lu/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors: errors.map(fieldProblem) } : {}),
    ...(params ? { params } : {}),
  };
  return c.body(JSON.stringify(body), status as ContentfulStatusCode, { 'content-type': 'application/problem+json' });
}

/** A field issue as sent: always with a code (`invalid` when its raiser gave none). */
function fieldProblem(issue: FieldIssue): FieldProblem {
  return {
    field: issue.field,
    reason: issue.reason,
    code: issue.code ?? 'invalid',
    ...(issue.params && Object.keys(issue.params).length > 0 ? { params: issue.params } : {}),
  };
}

type ZodIssue = ZodError['issues'][number];

/** The sizes zod checks: characters of a string, items of a list, a number's value. */
function sizeCode(origin: string, big: boolean): string {
  if (origin === 'string') return big ? 'too-long' : 'too-short';
  if (origin === 'array' || origin === 'set' || origin === 'map') return big ? 'too-many' : 'too-few';
  return big ? 'too-large' : 'too-small';
}

/** A bound as a number (zod gives bigints for bigint schemas, dates as numbers of ms). */
const bound = (value: unknown): number => (typeof value === 'bigint' ? Number(value) : Number(value));

/** The stable code and params of one zod issue. */
export function issueCode(issue: ZodIssue): { code: string; params?: IssueParams } {
  switch (issue.code) {
    case 'invalid_type': {
      if (/received undefined/.test(issue.message)) return { code: 'required' };
      if (issue.expected === 'int') return { code: 'not-whole-number' };
      if (issue.expected === 'number') return { code: 'not-a-number' };
      return { code: 'wrong-type', params: { expected: String(issue.expected) } };
    }
    case 'too_small': {
      // an empty text where one is needed: a missing value, as a person sees it
      if (issue.origin === 'string' && bound(issue.minimum) === 1) return { code: 'required' };
      return { code: sizeCode(issue.origin, false), params: { minimum: bound(issue.minimum) } };
    }
    case 'too_big':
      return { code: sizeCode(issue.origin, true), params: { maximum: bound(issue.maximum) } };
    case 'invalid_format':
      return { code: 'invalid-format', params: { format: issue.format } };
    case 'invalid_value':
      return { code: 'not-one-of', params: { options: issue.values.map(String).join(', ') } };
    case 'unrecognized_keys':
      return { code: 'unknown-field', params: { keys: issue.keys.join(', ') } };
    case 'custom': {
      // a refinement names its code in its params: .refine(fn, { message, path, params: { code: 'end-before-start' } })
      const { code, ...rest } = (issue.params ?? {}) as Record<string, unknown>;
      const values = Object.fromEntries(Object.entries(rest).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) as IssueParams;
      return { code: typeof code === 'string' ? code : 'invalid', ...(Object.keys(values).length > 0 ? { params: values } : {}) };
    }
    default:
      return { code: 'invalid' };
  }
}

/** Turns zod issues into field issues a person can act on: field, English reason, code and params. */
export function zodFields(error: ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter(Boolean).join('.') || '(body)';
    const { code, params } = issueCode(issue);
    const reason = code === 'required' && issue.code === 'invalid_type' ? 'is required' : issue.message;
    return { field, reason, code, ...(params ? { params } : {}) };
  });
}

export function validationProblem(c: Context, error: ZodError, target: string): Response {
  const fields = zodFields(error, target === 'json' ? '' : '');
  const detail = fields.map((f) => `${f.field} ${f.reason}`).join('; ');
  return problem(c, 400, 'invalid-input', detail, fields);
}
