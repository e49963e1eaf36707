// The shapes the API returns, inferred from the server's contract (src/contract/), so both sides stay in step.
export type { Channel, Language, Role } from '../../src/contract/common.js';
export type { CustomerCard, CustomerSearchResults, CustomerSummary, Recognition } from '../../src/contract/customers.js';
export type { FcrStatus, InteractionView, Reason } from '../../src/contract/interactions.js';
export type { DemoLogin, ReaderTeam, TeamMember, User } from '../../src/contract/sessions.js';
export type { Dimension, DriverRow, Labels, NpsReport, NpsReportRow, TopicRow, Verbatim } from '../../src/contract/nps.js';
export type { ExternalStudy } from '../../src/contract/studies.js';
export type { Consents } from '../../src/contract/privacy.js';
export type { Topic } from '../../src/contract/text.js';
export type { Interval } from '../../src/contract/calendar.js';
export type { Cause, CauseSuggestion } from '../../src/contract/causes.js';
export type { CauseChartResult, CauseItem, CauseItemsPage, ChartFlag, CustomerRecurrences, ParetoResult, ParetoRow } from '../../src/contract/analysis.js';
export type {
  DecisionCount,
  OptOut,
  PhoneMessage,
  PhoneThread,
  SmsGatewayStatus,
  SmsLogItem,
  SurveyDefinition,
  SurveyRules,
  SurveyTexts,
  SurveyVersion,
  SurveyVersionInput,
} from '../../src/contract/surveys.js';

export type {
  AttachmentLimits,
  ComplaintActionResult,
  ComplaintAttachment,
  ComplaintCategory,
  ComplaintDetail,
  ComplaintEvent,
  ComplaintSummary,
} from '../../src/contract/complaints.js';
export type {
  FollowupActionResult,
  FollowupAlert,
  FollowupDetail,
  FollowupEvent,
  FollowupSummary,
} from '../../src/contract/followups.js';

import type { CustomerCard, Recognition } from '../../src/contract/customers.js';

export interface IncomingCall {
  callId: string;
  phone: string;
  at: string;
  recognition: Recognition | null;
  state: 'ringing' | 'answered' | 'ended';
}

/** The customer's latest survey answer, as the card shows it. */
export type LastSurvey = NonNullable<CustomerCard['lastSurvey']>;

export type {
  ActionDetail,
  ActionEffectOut as ActionEffect,
  ActionEvent,
  ActionEvidence,
  ActionOwner,
  ActionState,
  ActionStep,
  ActionSummary,
  ActionMeasureName,
  MeasureEffectOut as MeasureEffect,
} from '../../src/contract/actions.js';
export type { Department } from '../../src/contract/causes.js';
export type {
  AnswerValue,
  EvaluationDetailView,
  EvaluationMarker,
  EvaluationStateName,
  EvaluationSummaryView,
  ScorecardContent,
  ScorecardSummaryView,
  ScorecardVersionView,
} from '../../src/contract/quality-evaluations.js';
export type { CalibrationCandidateView, CalibrationDetailView, CalibrationSummaryView } from '../../src/contract/quality-calibration.js';
export type { CoachingOpeningView, CoachingProgressView, CoachingSessionView } from '../../src/contract/quality-coaching.js';
export type { AdvisorScorecardView, TeamScorecardView } from '../../src/contract/quality-scorecard.js';
export type { ComplianceView, FiguresChangeView, PeopleFiguresView, TrainablePersonView, TrainingEffectView, TrainingRequirementView, TrainingSessionView, TrainingView } from '../../src/contract/quality-training.js';
export type { LineConsumptionOut as LineConsumption } from '../../src/contract/usage.js';
