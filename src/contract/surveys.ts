import { z } from '@hono/zod-openapi';
import { safeText } from '../shared/safe-text.js';
import { channel } from './common.js';
import { LOCAL_TIME, SURVEY_RULE_LIMITS } from './input-limits.js';

/** What the survey says, in one language. {min} and {max} stand for the scale. */
export const surveyTexts = z
  .object({
    question: safeText(1000, { multiline: true }),
    resolvedQuestion: safeText(500, { multiline: true }).optional(),
    commentInvite: safeText(500, { multiline: true }).optional(),
    thanks: safeText(500, { multiline: true }),
    clarification: safeText(500, { multiline: true }),
    optOutConfirmation: safeText(500, { multiline: true }),
    optInConfirmation: safeText(500, { multiline: true }),
  })
  .openapi('SurveyTexts');
export type SurveyTexts = z.infer<typeof surveyTexts>;

/** A new version of a survey definition, as an administrator writes it. */
export const surveyVersionInput = z
  .object({
    scale: z.object({ min: z.number().int(), max: z.number().int() }),
    promoterMin: z.number().int(),
    detractorMax: z.number().int(),
    askResolved: z.boolean(),
    askComment: z.boolean(),
    texts: z.record(z.string(), surveyTexts).openapi({ description: 'texts per language (fr, de, en, lb); fr required' }),
  })
  .strict();
export type SurveyVersionInput = z.infer<typeof surveyVersionInput>;

/** A published, immutable version of a survey definition. */
export const surveyVersion = z
  .object({
    id: z.string(),
    definitionId: z.string(),
    version: z.number().int(),
    scale: z.object({ min: z.number().int(), max: z.number().int() }),
    promoterMin: z.number().int(),
    detractorMax: z.number().int(),
    askResolved: z.boolean(),
    askComment: z.boolean(),
    texts: z.object({ fr: surveyTexts.optional(), de: surveyTexts.optional(), en: surveyTexts.optional(), lb: surveyTexts.optional() }),
    createdAt: z.string(),
  })
  .openapi('SurveyVersion');
export type SurveyVersion = z.infer<typeof surveyVersion>;

/** A survey definition with every version, newest first. */
export const surveyDefinition = z
  .object({
    id: z.string(),
    name: z.string(),
    purpose: z.enum(['contact', 'complaint']).openapi({ description: 'contact: after a contact, the answers make the NPS; complaint: about the handling of a closed complaint, never in the NPS' }),
    currentVersionId: z.string().nullable(),
    versions: z.array(surveyVersion),
  })
  .openapi('SurveyDefinition');
export type SurveyDefinition = z.infer<typeof surveyDefinition>;

/** A time of day on the 24-hour clock, HH:MM. */
const localTime = z
  .string()
  .max(5)
  .refine((value) => LOCAL_TIME.test(value), { message: 'must be a time HH:MM', params: { code: 'invalid-format', format: 'time' } })
  .openapi({ example: '20:00' });

const bounded = (name: keyof typeof SURVEY_RULE_LIMITS) => z.number().int().min(SURVEY_RULE_LIMITS[name].min).max(SURVEY_RULE_LIMITS[name].max);

/** Who is asked, when: the rules as an administrator writes them. */
export const surveyRulesInput = z
  .object({
    active: z.boolean(),
    channels: z.array(channel).min(1),
    delayMinutes: bounded('delayMinutes'),
    samplingPercent: bounded('samplingPercent'),
    quarantineDays: bounded('quarantineDays'),
    quietStart: localTime,
    quietEnd: localTime,
    quietSundays: z.boolean(),
    skipLandlines: z.boolean(),
    minDurationSeconds: bounded('minDurationSeconds'),
    skipBusiness: z.boolean(),
    openHours: bounded('openHours'),
  })
  .strict()
  .openapi('SurveyRulesInput');

/** The rules in force. */
export const surveyRules = surveyRulesInput.extend({ id: z.string(), definitionId: z.string() }).openapi('SurveyRules');
export type SurveyRules = z.infer<typeof surveyRules>;

/** One line of the SMS log. */
export const smsLogItem = z
  .object({
    nextAttemptAt: z.string().nullable().openapi({ description: 'when a message still waiting to go is tried again' }),
    id: z.string(),
    surveyId: z.string().nullable(),
    direction: z.enum(['out', 'in']),
    purpose: z.string(),
    msisdn: z.string(),
    text: z.string(),
    status: z.string(),
    encoding: z.string().nullable(),
    parts: z.number().nullable(),
    error: z.string().nullable(),
    attempts: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('SmsLogItem');
export type SmsLogItem = z.infer<typeof smsLogItem>;

/** The SMS transport and the work waiting for it. */
export const smsGatewayStatus = z.object({
  gateway: z.object({ name: z.string(), connected: z.boolean(), lastError: z.string().nullable(), inFlight: z.number() }).nullable(),
  pendingJobs: z.number(),
  retrying: z.number(),
  nextRetryAt: z.string().nullable(),
  lastJobError: z.string().nullable(),
});
export type SmsGatewayStatus = z.infer<typeof smsGatewayStatus>;

/** Survey decisions of one outcome and reason, counted. */
export const decisionCount = z.object({ outcome: z.string(), reason: z.string(), count: z.number() });
export type DecisionCount = z.infer<typeof decisionCount>;

/** A number that asked for no more surveys. */
export const optOut = z.object({ msisdn: z.string(), optedOutAt: z.string(), keyword: z.string() });
export type OptOut = z.infer<typeof optOut>;

/** One SMS of a simulated phone's thread: `to_phone` the phone received, `from_phone` it sent. */
export const phoneMessage = z.object({ direction: z.enum(['to_phone', 'from_phone']), text: z.string(), at: z.string(), from: z.string(), to: z.string() });
export type PhoneMessage = z.infer<typeof phoneMessage>;

/** The SMS thread of a simulated phone, oldest first. */
export const phoneThread = z.object({ msisdn: z.string(), items: z.array(phoneMessage) });
export type PhoneThread = z.infer<typeof phoneThread>;

