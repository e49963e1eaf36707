import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { TOPICS } from '../../../src/contract/text.js';
import { api, type QueryValues } from '../api.js';
import { errorMessage } from '../error-message.js';
import { formatDateTime } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import { basisOf, useNpsLabels, type NpsLabels } from '../nps-labels.js';
import type { Filters } from '../nps-view.js';
import type { Verbatim } from '../types.js';
import { SurveyScoreBadge } from './survey-score-badge.js';

const PAGE = 20;
const CATEGORIES = ['promoter', 'passive', 'detractor'] as const;

/** The comments to show: a figure's range and filters (its group's keys among them), maybe one topic. */
export interface Drill {
  /** what the figure is: "Hotline Mobile · Facturation", "Réseau"… */
  title: string;
  from: string;
  to: string;
  filters: Filters;
  topic?: string | undefined;
}

/**
 * The comments behind a figure, newest first, in a dialog: filtered by category and topic,
 * 20 at a time ("more"), each with its score, sentiment, Luxembourg date and its topics highlighted.
 */
export function NpsVerbatims({ drill, onClose }: { drill: Drill; onClose: () => void }) {
  const t = useT();
  const labels = useNpsLabels();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [category, setCategory] = useState('');
  const [topic, setTopic] = useState(drill.topic ?? '');
  const [items, setItems] = useState<Verbatim[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'more' | 'idle'>('loading');
  const [error, setError] = useState<unknown>();
  const sequence = useRef(0);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.current?.open) dialog.current?.showModal();
    return () => opener?.focus();
  }, []);

  const params = (before?: string): QueryValues => ({
    from: drill.from,
    to: drill.to,
    ...drill.filters,
    category: category || undefined,
    topic: topic || undefined,
    limit: PAGE,
    before,
  });

  async function load(before?: string) {
    const mine = ++sequence.current;
    setState(before ? 'more' : 'loading');
    setError(undefined);
    try {
      const page = await api.npsVerbatims(params(before));
      if (mine !== sequence.current) return;
      setItems((shown) => (before ? [...shown, ...page.items] : page.items));
      setNext(page.next);
    } catch (caught) {
      if (mine === sequence.current) setError(caught);
    } finally {
      if (mine === sequence.current) setState('idle');
    }
  }

  useEffect(() => {
    void load();
  }, [category, topic]);

  return (
    <dialog ref={dialog} className="verbatims-dialog" aria-labelledby={titleId} onClose={onClose}>
      <div className="verbatims-head">
        <div>
          <h2 id={titleId}>{t('dashboard.verbatims.title')}</h2>
          <p className="muted">
            {drill.title} · {labels.range(drill.from, drill.to)}
          </p>
        </div>
        <button type="button" className="button button-secondary button-small" onClick={() => dialog.current?.close()}>
          {t('dashboard.verbatims.close')}
        </button>
      </div>
      <div className="verbatims-filters field-row">
        <div className="field">
          <label htmlFor={`${titleId}-category`}>{t('dashboard.verbatims.category')}</label>
          <select id={`${titleId}-category`} value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('dashboard.all')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`lastSurvey.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${titleId}-topic`}>{t('dashboard.verbatims.topic')}</label>
          <select id={`${titleId}-topic`} value={topic} onChange={(e) => setTopic(e.target.value)}>
            <option value="">{t('dashboard.all')}</option>
            {TOPICS.map((key) => (
              <option key={key} value={key}>
                {labels.topic(key)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {state === 'idle' && error === undefined ? t('dashboard.verbatims.shown', { count: items.length }) : ''}
      </p>
      {error !== undefined && (
        <p className="notice notice-error" role="alert">
          {errorMessage(error, t, 'dashboard.failed')}
        </p>
      )}
      {state === 'loading' && <p className="muted">{t('app.loading')}</p>}
      {state !== 'loading' && error === undefined && items.length === 0 && <p className="empty">{t('dashboard.verbatims.empty')}</p>}
      {state !== 'loading' && items.length > 0 && (
        <ol className="verbatim-list">
          {items.map((item) => (
            <VerbatimItem key={item.id} item={item} labels={labels} />
          ))}
        </ol>
      )}
      {next && state !== 'loading' && (
        <button type="button" className="button button-secondary button-block" onClick={() => void load(next)} disabled={state === 'more'} aria-busy={state === 'more'}>
          {state === 'more' ? t('app.loading') : t('dashboard.verbatims.more')}
        </button>
      )}
    </dialog>
  );
}

function VerbatimItem({ item, labels }: { item: Verbatim; labels: NpsLabels }) {
  const t = useT();
  const language = useLanguage();
  const basis = basisOf(item.basis);
  const sentiment = item.sentimentLabel;
  // Where the comment comes from; what was not recorded is left out.
  const context = [
    labels.group('channel', item.channel),
    ...(['reason', 'team', 'advisor'] as const).flatMap((d) => {
      const key = item[d];
      return key ? [labels.group(d, key)] : [];
    }),
  ];
  return (
    <li className="verbatim">
      <div className="verbatim-head">
        {basis && <SurveyScoreBadge survey={{ score: item.score, scale: { min: basis.min, max: basis.max }, category: item.category }} />}
        {sentiment && <span className={`badge sentiment sentiment-${sentiment}`}>{t(`dashboard.verbatims.sentiment.${sentiment}`)}</span>}
        <time dateTime={item.contactAt} className="muted">
          {formatDateTime(item.contactAt, language)}
        </time>
      </div>
      <blockquote className="survey-comment" lang={item.language ?? undefined}>
        {highlighted(item, labels)}
      </blockquote>
      <p className="verbatim-context muted">{context.join(' · ')}</p>
    </li>
  );
}

/** The comment with each topic's matched words in a <mark> titled with the topic (overlaps: the first wins). */
function highlighted(item: Verbatim, labels: NpsLabels): ReactNode[] {
  const spans = item.topics
    .flatMap((topic) => topic.spans.map((span) => ({ ...span, topic: topic.topic })))
    .sort((a, b) => a.start - b.start);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    parts.push(item.comment.slice(at, span.start));
    parts.push(
      <mark key={span.start} title={labels.topic(span.topic)} data-topic={span.topic}>
        {item.comment.slice(span.start, span.end)}
      </mark>,
    );
    at = span.end;
  }
  parts.push(item.comment.slice(at));
  return parts;
}
