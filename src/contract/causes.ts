import { z } from '@hono/zod-openapi';

/** Root causes and the departments that own them (docs/improvement.md, "Causes"). */

const labels = z.object({ fr: z.string(), de: z.string(), en: z.string() });

export const department = z
  .object({ code: z.string(), label: z.string().openapi({ description: "in the reader's language" }), labels, active: z.boolean() })
  .openapi('Department');
export type Department = z.infer<typeof department>;

export const cause = z
  .object({
    code: z.string().openapi({ example: 'billing.roaming' }),
    parentCode: z.string().nullable(),
    path: z.array(z.string()).openapi({ description: 'the codes from the root down to this cause, this one included' }),
    departmentCode: z.string().nullable().openapi({ description: 'the department that owns the cause' }),
    label: z.string().openapi({ description: "in the reader's language" }),
    labels,
    active: z.boolean().openapi({ description: 'false when it, or a cause above it, is deactivated: no longer offered for coding' }),
    sortOrder: z.number().int(),
    reasonCodes: z.array(z.string()).openapi({ description: 'the contact reasons that match the cause: the NPS of an action on it, suggestions' }),
    topicCodes: z.array(z.string()).openapi({ description: 'the comment topics that match the cause: the NPS of an action on it, suggestions from a text' }),
  })
  .openapi('Cause');
export type Cause = z.infer<typeof cause>;

export const causeSuggestion = z
  .object({
    code: z.string(),
    label: z.string().openapi({ description: "in the reader's language" }),
    pathLabels: z.array(z.string()).openapi({ description: 'the labels from the root down to this cause' }),
    departmentCode: z.string().nullable(),
    score: z.number().int().openapi({ description: 'two points per matching topic, one per matching reason or category, three per word of its labels found in the text' }),
    because: z.object({
      topics: z.array(z.string()).openapi({ description: 'comment topics found in the text that match the cause' }),
      reasons: z.array(z.string()).openapi({ description: 'contact reasons or the category that match the cause' }),
      words: z.array(z.string()).openapi({ description: "words of the cause's labels found in the text (folded)" }),
    }),
  })
  .openapi('CauseSuggestion');
export type CauseSuggestion = z.infer<typeof causeSuggestion>;
