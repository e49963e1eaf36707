import type { QuietHours } from '../shared/quiet-hours.js';
import type { MessageClass } from '../storage/schema.js';

export type { MessageClass };

/** The classes of outgoing messages. */
export const MESSAGE_CLASSES = ['survey', 'service', 'regulatory', 'alert'] as const satisfies readonly MessageClass[];

/** What a message's class decides (docs/notifications.md#message-classes). */
export interface ClassRules {
  /** an SMS of this class waits for the end of these quiet hours (Europe/Luxembourg); null: it leaves at any hour */
  quietHours: QuietHours | null;
  /** a number's opt-out of surveys (STOP) and a customer's refusal of surveys stop it */
  surveyOptOut: boolean;
  /** when the per-number cap of automatic SMS is reached: wait until the cap frees a place, or fail */
  whenCapped: 'wait' | 'fail';
}

/** Evenings and nights: no SMS from 20:00 to the morning, local time. */
const EVENING_TO_MORNING: QuietHours = { quietStart: '20:00', quietEnd: '08:00', quietSundays: false };

/**
 * The rules of each class, in one place:
 *
 * | class      | quiet hours (SMS)              | survey opt-out stops it | cap reached |
 * |------------|--------------------------------|-------------------------|-------------|
 * | survey     | 20:00-09:00 and all of Sunday  | yes                     | fails       |
 * | service    | 20:00-08:00                    | no                      | waits       |
 * | regulatory | 20:00-08:00 (configurable off) | no                      | waits       |
 * | alert      | none                           | no                      | waits       |
 *
 * A survey invitation is the surveys' own kind of message: the surveys' default hours, and a late
 * one is worth less than none. Service messages (a complaint acknowledged, answered) and regulatory
 * ones (the regulator's mediation) are owed to the customer; alerts (a line's data allowance used up)
 * are of use only when they arrive as it happens, at any hour. All three are owed to the customer: a survey opt-out is a survey opt-out,
 * and a message held by the cap leaves when it frees a place. E-mails have no quiet hours and no
 * cap: they do not ring.
 */
export const CLASS_RULES: Readonly<Record<MessageClass, ClassRules>> = {
  survey: { quietHours: { quietStart: '20:00', quietEnd: '09:00', quietSundays: true }, surveyOptOut: true, whenCapped: 'fail' },
  service: { quietHours: EVENING_TO_MORNING, surveyOptOut: false, whenCapped: 'wait' },
  regulatory: { quietHours: EVENING_TO_MORNING, surveyOptOut: false, whenCapped: 'wait' },
  alert: { quietHours: null, surveyOptOut: false, whenCapped: 'wait' },
};

/** The rules in force: CLASS_RULES, with regulatory SMS at any hour when so configured (ECOUTE_REGULATORY_QUIET_HOURS=0). */
export function classRules(options: { regulatoryQuietHours: boolean }): Readonly<Record<MessageClass, ClassRules>> {
  if (options.regulatoryQuietHours) return CLASS_RULES;
  return { ...CLASS_RULES, regulatory: { ...CLASS_RULES.regulatory, quietHours: null } };
}
