import { ApiError } from './api.js';

/** Field → reason, from a problem+json `errors` list (the first reason of each field). */
export type FieldErrors = Readonly<Record<string, string>>;

export function fieldErrorsOf(error: unknown): FieldErrors {
  const errors: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const { field, reason } of error.problem.errors ?? []) errors[field] ??= reason;
  }
  return errors;
}

/** The reason given for `field`, or for any field under it (`scale` also covers `scale.min`). */
export function errorFor(errors: FieldErrors, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const nested = Object.keys(errors).find((key) => key.startsWith(`${field}.`));
  return nested ? errors[nested] : undefined;
}
