import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Storage, StorageCapabilities } from './database.js';
import * as accessControl from './migrations/2026-12-04-dpo-tokens-throttle.js';
import * as cases from './migrations/2026-12-05-cases.js';
import * as defaultReasons from './migrations/2026-11-26-default-reasons.js';
import * as commentLanguage from './migrations/2026-12-04-comment-language.js';
import * as complaints from './migrations/2026-12-05-complaints.js';
import * as contactCounts from './migrations/2026-11-28-contact-counts.js';
import * as foundation from './migrations/2026-11-26-foundation.js';
import * as adminUsers from './migrations/2026-12-28-admin-users.js';
import * as qualityEvaluations from './migrations/2026-12-29-quality-evaluations.js';
import * as qualityCalibration from './migrations/2026-12-30-quality-calibration.js';
import * as qualityCoaching from './migrations/2026-12-31-quality-coaching.js';
import * as qualityTraining from './migrations/2027-01-01-quality-training.js';
import * as usage from './migrations/2027-01-02-usage.js';
import * as usageAlerts from './migrations/2027-01-03-usage-alerts.js';
import * as customerSignIn from './migrations/2027-01-04-customer-sign-in.js';
import * as roamingLimit from './migrations/2027-01-07-roaming-limit.js';
import * as usageFastPath from './migrations/2027-01-09-usage-fast-path.js';
import * as bills from './migrations/2027-01-05-bills.js';
import * as callbacks from './migrations/2027-01-06-callbacks.js';
import * as planChanges from './migrations/2027-01-11-plan-changes.js';
import * as devices from './migrations/2027-01-12-devices.js';
import * as passkeys from './migrations/2027-01-08-passkeys.js';
import * as emailSignIn from './migrations/2027-01-08-email-sign-in.js';
import * as qualitySampling from './migrations/2026-12-29-quality-sampling.js';
import * as followups from './migrations/2026-12-05-survey-followups.js';
import * as externalStudies from './migrations/2026-11-27-external-studies.js';
import * as npsCounts from './migrations/2026-11-27-nps-counts.js';
import * as privacy from './migrations/2026-12-04-privacy.js';
import * as surveys from './migrations/2026-11-26-surveys.js';
import * as importBatches from './migrations/2026-12-04-staged-imports.js';
import * as timelineIndex from './migrations/2026-12-04-timeline-index.js';
import * as notifications from './migrations/2026-12-05-notifications.js';
import * as complaintReport from './migrations/2026-12-05-x-complaint-report.js';
import * as oralComplaintAnswers from './migrations/2026-12-06-oral-complaint-answers.js';
import * as complaintSatisfaction from './migrations/2026-12-07-complaint-satisfaction.js';
import * as complaintAttachments from './migrations/2026-12-22-complaint-attachments.js';
import * as qualityRecordings from './migrations/2026-12-29-quality-recordings.js';
import * as causes from './migrations/2026-12-23-causes.js';
import * as causeCoding from './migrations/2026-12-24-cause-coding.js';
import * as causeAnalysis from './migrations/2026-12-26-cause-analysis.js';
import * as improvementActions from './migrations/2026-12-27-improvement-actions.js';
import * as customerSearch from './migrations/2026-12-28-customer-search.js';

interface MigrationModule {
  up(db: Parameters<Migration['up']>[0], caps: StorageCapabilities): Promise<void>;
  down?(db: Parameters<Migration['up']>[0], caps: StorageCapabilities): Promise<void>;
}

/** Every migration, by dated name. Order is the name order. */
const MIGRATIONS: Record<string, MigrationModule> = {
  '2026-11-26-foundation': foundation,
  '2026-11-26-foundation-reasons': defaultReasons,
  '2026-11-26-surveys': surveys,
  '2026-11-27-external-studies': externalStudies,
  '2026-11-27-nps-counts': npsCounts,
  '2026-11-28-contact-counts': contactCounts,
  '2026-12-04-comment-language': commentLanguage,
  '2026-12-04-dpo-tokens-throttle': accessControl,
  '2026-12-04-privacy': privacy,
  '2026-12-04-staged-imports': importBatches,
  '2026-12-04-timeline-index': timelineIndex,
  '2026-12-05-cases': cases,
  '2026-12-05-complaints': complaints,
  '2026-12-05-notifications': notifications,
  '2026-12-05-survey-followups': followups,
  '2026-12-05-x-complaint-report': complaintReport,
  '2026-12-06-oral-complaint-answers': oralComplaintAnswers,
  '2026-12-07-complaint-satisfaction': complaintSatisfaction,
  '2026-12-22-complaint-attachments': complaintAttachments,
  '2026-12-23-causes': causes,
  '2026-12-24-cause-coding': causeCoding,
  '2026-12-26-cause-analysis': causeAnalysis,
  '2026-12-27-improvement-actions': improvementActions,
  '2026-12-28-admin-users': adminUsers,
  '2026-12-28-customer-search': customerSearch,
  '2026-12-29-quality-evaluations': qualityEvaluations,
  '2026-12-29-quality-recordings': qualityRecordings,
  '2026-12-30-quality-calibration': qualityCalibration,
  '2026-12-31-quality-coaching': qualityCoaching,
  '2027-01-01-quality-training': qualityTraining,
  '2027-01-02-usage': usage,
  '2027-01-03-usage-alerts': usageAlerts,
  '2027-01-04-customer-sign-in': customerSignIn,
  '2027-01-07-roaming-limit': roamingLimit,
  '2027-01-09-usage-fast-path': usageFastPath,
  '2027-01-05-bills': bills,
  '2027-01-06-callbacks': callbacks,
  '2027-01-11-plan-changes': planChanges,
  '2027-01-12-devices': devices,
  '2027-01-08-passkeys': passkeys,
  '2027-01-08-email-sign-in': emailSignIn,
  '2026-12-29-quality-sampling': qualitySampling,
};

class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly caps: StorageCapabilities) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const result: Record<string, Migration> = {};
    for (const [name, module] of Object.entries(MIGRATIONS)) {
      const down = module.down;
      result[name] = {
        up: (db) => module.up(db, this.caps),
        ...(down ? { down: (db) => down(db, this.caps) } : {}),
      };
    }
    return result;
  }
}

/** Applies every pending migration; throws with the failing migration's name and cause. */
export async function migrateToLatest(storage: Storage): Promise<MigrationResultSet['results']> {
  const migrator = new Migrator({
    db: storage.db,
    provider: new StaticMigrationProvider(storage.capabilities),
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`);
  }
  return results ?? [];
}
