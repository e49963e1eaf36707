import { useEffect, useRef, useState } from 'react';
import { trainingApi } from '../api-quality-training.js';
import { TrainingCatalogue } from '../components/training-catalogue.js';
import { TrainingCompliance } from '../components/training-compliance.js';
import { TrainingEffect } from '../components/training-effect.js';
import { TrainingSessionDetail, TrainingSessions } from '../components/training-sessions.js';
import { errorMessage } from '../error-message.js';
import { useT } from '../i18n/index.js';
import type { QualitySectionProps } from '../quality-section.js';
import type { TrainingSessionView, TrainingView } from '../types.js';

/**
 * Training (docs/quality.md, "Training"): the catalogue, required trainings and who is late; with
 * `training=` in the address, that training's sessions and its figures before and after; with
 * `session=`, one session's attendees. Who manages trainings adds, plans, enrols and records.
 */
export function QualityTrainingPage({ user, query, navigate }: QualitySectionProps) {
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const params = new URLSearchParams(query);
  const trainingId = params.get('training') ?? undefined;
  const sessionId = params.get('session') ?? undefined;
  const manages = user.abilities.includes('training.manage');
  const figures = user.abilities.includes('quality.figures');
  const [archived, setArchived] = useState(false);
  const [trainings, setTrainings] = useState<TrainingView[] | undefined>();
  const [sessions, setSessions] = useState<TrainingSessionView[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [serial, setSerial] = useState(0);
  const go = (next: Record<string, string>) => navigate({ page: 'quality', section: 'training', query: new URLSearchParams(next).toString() });
  useEffect(() => {
    trainingApi.list(archived).then((r) => setTrainings(r.items), (e: unknown) => setFailure(errorMessage(e, t, 'qualityTraining.failed')));
  }, [archived, serial]);
  useEffect(() => {
    if (trainingId) trainingApi.sessions(trainingId).then((r) => setSessions(r.items), (e: unknown) => setFailure(errorMessage(e, t)));
  }, [trainingId, serial]);
  useEffect(() => headingRef.current?.focus(), [trainingId, sessionId]);
  const training = trainings?.find((x) => x.id === trainingId);
  return (
    <div className="quality-training">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('qualityTraining.title')}
        </h1>
        <p className="muted">{t('qualityTraining.intro')}</p>
      </div>
      {failure && <p className="notice notice-error" role="alert">{failure}</p>}
      {sessionId ? (
        <TrainingSessionDetail id={sessionId} manages={manages} onBack={() => go(trainingId ? { training: trainingId } : {})} />
      ) : training ? (
        <>
          <button type="button" className="link-button" onClick={() => go({})}>← {t('qualityTraining.catalogue.title')}</button>
          <TrainingSessions training={training} sessions={sessions} manages={manages} onOpen={(id) => go({ training: training.id, session: id })} onChange={() => setSerial((n) => n + 1)} />
          {figures && <TrainingEffect training={training} />}
        </>
      ) : (
        trainings && (
          <>
            <TrainingCatalogue trainings={trainings} manages={manages} archived={archived} onArchived={setArchived} onOpen={(id) => go({ training: id })} onChange={() => setSerial((n) => n + 1)} />
            <TrainingCompliance trainings={trainings} manages={manages} />
          </>
        )
      )}
    </div>
  );
}
