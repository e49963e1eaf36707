import { lazy, Suspense, useState } from 'react';
import { formatDateTime } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { InteractionView, LastSurvey } from '../types.js';
import { ChannelIcon } from './channel-icon.js';
import { FcrBadge } from './fcr-badge.js';
import { SurveyScoreBadge } from './survey-score-badge.js';

// the player and its waveform library load when a recording is first opened
const RecordingPlayer = lazy(() => import('./recording-player.js').then((m) => ({ default: m.RecordingPlayer })));

/** One contact in the history: when, on which channel, why, who handled it, and how it ended. */
export function TimelineItem({
  item,
  reasonLabels,
  survey,
  canListen = false,
}: {
  item: InteractionView;
  /** the reader may play recordings (`recording.play`): a contact with one shows "Listen" */
  canListen?: boolean;
  reasonLabels: ReadonlyMap<string, string>;
  /** the customer's last survey answer, when it is about this contact */
  survey?: LastSurvey | undefined;
}) {
  const t = useT();
  const language = useLanguage();
  const [listening, setListening] = useState(false);
  const where = [item.team?.name, item.site?.name].filter(Boolean).join(' · ');
  const minutes = item.durationSeconds != null && item.durationSeconds > 0 ? Math.max(1, Math.round(item.durationSeconds / 60)) : undefined;
  return (
    <li className={`timeline-item channel-${item.channel}${survey ? ' has-survey' : ''}`} data-interaction-id={item.id}>
      <article aria-label={`${t(`channels.${item.channel}`)}, ${formatDateTime(item.startedAt, language)}`} tabIndex={survey ? -1 : undefined}>
        <div className="timeline-marker" aria-hidden="true">
          <ChannelIcon channel={item.channel} />
        </div>
        <div className="timeline-content">
          <header className="timeline-head">
            <div className="timeline-when">
              <span className="timeline-channel">
                {t(`channels.${item.channel}`)} <span className="muted">· {t(`directions.${item.direction}`)}</span>
              </span>
              <time dateTime={item.startedAt} className="timeline-time">
                {formatDateTime(item.startedAt, language)}
                {minutes !== undefined && <span className="muted"> · {t('timeline.duration', { minutes })}</span>}
              </time>
            </div>
            <span className="timeline-badges">
              {survey && <SurveyScoreBadge survey={survey} prefix />}
              <FcrBadge status={item.fcr} />
            </span>
          </header>
          <p className="timeline-reason">
            <strong>{item.reason ? (reasonLabels.get(item.reason.code) ?? item.reason.label) : t('timeline.noReason')}</strong>
            {item.repeat && (
              <span className="repeat-marker">
                <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
                  <path d="M4 12a8 8 0 0 1 14-5.3M20 4v4h-4M20 12a8 8 0 0 1-14 5.3M4 20v-4h4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
                </svg>
                {t('timeline.repeatMarker')}
              </span>
            )}
          </p>
          {(item.outcome || item.resolved !== null) && (
            <p className="timeline-outcome">
              {item.outcome && (
                <>
                  <span className="muted">{t('timeline.outcome')}</span> {item.outcome}
                </>
              )}
              {item.outcome && ' · '}
              <span className={item.resolved ? 'resolved-yes' : item.resolved === false ? 'resolved-no' : 'muted'}>
                {item.resolved === true
                  ? t('timeline.resolved')
                  : item.resolved === false
                    ? t('timeline.notResolved')
                    : t('timeline.unknownResolution')}
              </span>
            </p>
          )}
          <p className="timeline-who muted">
            {item.advisor ? item.advisor.name : t('timeline.system')}
            {where && ` · ${where}`}
          </p>
          {canListen && item.recordingId && (
            <div className="timeline-listen">
              <button type="button" className="link-button" aria-expanded={listening} onClick={() => setListening(!listening)}>
                {listening ? t('recordings.close') : t('recordings.listen')}
              </button>
              {listening && (
                <Suspense fallback={<p className="muted">{t('recordings.loading')}</p>}>
                  <RecordingPlayer recordingId={item.recordingId} />
                </Suspense>
              )}
            </div>
          )}
          {item.notes && (
            <p className="timeline-notes">
              <span className="visually-hidden">{t('timeline.notes')} </span>
              {item.notes}
            </p>
          )}
        </div>
      </article>
    </li>
  );
}
