import { fieldProblem, type FieldProblem } from './field-errors.js';

/**
 * A form's own checks before it sends, with the API's rules (the limits of src/contract/input-limits.ts)
 * and the API's codes, so that a person sees every problem at once, worded like the server's.
 * Each returns the field's problem, or undefined when the value is fine.
 */

/** A text of at most `max` characters (after trimming), required or not. */
export function checkText(value: string, { max, required = false }: { max: number; required?: boolean }): FieldProblem | undefined {
  const text = value.trim();
  if (required && text === '') return fieldProblem('required');
  if (text.length > max) return fieldProblem('too-long', { maximum: max });
  return undefined;
}

/** A whole number typed in a field, from `min` to `max`. */
export function checkWholeNumber(value: string, { min, max }: { min: number; max: number }): FieldProblem | undefined {
  const text = value.trim();
  if (text === '') return fieldProblem('required');
  const number = Number(text.replace(',', '.'));
  if (!Number.isFinite(number)) return fieldProblem('not-a-number');
  if (!Number.isInteger(number)) return fieldProblem('not-whole-number');
  if (number < min) return fieldProblem('too-small', { minimum: min });
  if (number > max) return fieldProblem('too-large', { maximum: max });
  return undefined;
}

/** A value matching `pattern` (a time hh:mm, a date…), named by `format` as the API names it. */
export function checkFormat(value: string, pattern: RegExp, format: string): FieldProblem | undefined {
  return pattern.test(value.trim()) ? undefined : fieldProblem('invalid-format', { format });
}

/** The problems found, without the fields that have none. */
export function problemsOf(checks: Record<string, FieldProblem | undefined>): Record<string, FieldProblem> {
  return Object.fromEntries(Object.entries(checks).filter((entry): entry is [string, FieldProblem] => entry[1] !== undefined));
}
