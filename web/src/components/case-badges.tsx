import { formatDateTime } from '../format.js';
import { useLanguage, useT, type MessageKey } from '../i18n/index.js';

/** Where a deadline stands, as the API says it. */
export type DeadlineState = 'overdue' | 'due-today' | 'upcoming';

const DEADLINE_ICONS: Record<DeadlineState | 'paused', string> = {
  overdue: 'M12 3l10 18H2zM12 10v5M12 18v.5',
  'due-today': 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3 2',
  upcoming: 'M4 6h16v14H4zM4 10h16M9 3v4M15 3v4',
  paused: 'M9 5v14M15 5v14',
};

/**
 * A case's deadline: its state in words and an icon (overdue, due today, upcoming, paused), then the
 * date and time in Luxembourg; the colour only repeats what the words say.
 */
export function DeadlineBadge({ dueAt, deadline, paused }: { dueAt: string | null; deadline: DeadlineState | null; paused: boolean }) {
  const t = useT();
  const language = useLanguage();
  const state = paused ? 'paused' : deadline;
  if (state === null) return <span className="muted">{t('cases.deadline.none')}</span>;
  return (
    <span className={`deadline deadline-${state}`}>
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
        <path d={DEADLINE_ICONS[state]} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <strong>{t(`cases.deadline.${state}` as MessageKey)}</strong>
      {dueAt && (
        <time dateTime={dueAt} className="deadline-at">
          {formatDateTime(dueAt, language)}
        </time>
      )}
    </span>
  );
}

/** A case's state in words. */
export function StateBadge({ state }: { state: string }) {
  const t = useT();
  return <span className={`badge case-state case-state-${state}`}>{t(`cases.states.${state}` as MessageKey)}</span>;
}

/** The hot marker: an icon and the word, never the colour alone. */
export function HotBadge() {
  const t = useT();
  return (
    <span className="badge badge-hot">
      <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false">
        <path d="M12 22a7 7 0 0 0 7-7c0-4-3-6-4-10-2 2-3 4-3 6-1-1-2-2-2-4-3 3-5 5-5 8a7 7 0 0 0 7 7z" fill="currentColor" />
      </svg>
      {t('cases.hot')}
    </span>
  );
}
