import { useState, useId } from 'react';
import { after, api } from '../api.js';
import { errorMessage } from '../error-message.js';
import { useT } from '../i18n/index.js';
import type { InteractionView, LastSurvey } from '../types.js';
import { TimelineItem } from './timeline-item.js';

const PAGE = 20;

/**
 * The customer's last contacts on every channel, newest first; "show more" pages back from the last one shown.
 * Remount it (key) when the card is reloaded so it starts again from the card's first page.
 */
export function Timeline({
  customerId,
  initial,
  reasonLabels,
  survey,
  canListen = false,
}: {
  /** the reader may play recordings (`recording.play`) */
  canListen?: boolean;
  customerId: string;
  initial: InteractionView[];
  /** reason labels in the console's language (the card's come in the user's profile language) */
  reasonLabels: ReadonlyMap<string, string>;
  /** the customer's last survey answer: the contact it rates is marked */
  survey?: LastSurvey | null | undefined;
}) {
  const t = useT();
  // unique: the same panel may be on the console and on a case page at once
  const titleId = useId();
  const [items, setItems] = useState(initial);
  const [more, setMore] = useState(initial.length >= PAGE);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function loadMore() {
    const last = items[items.length - 1];
    if (!last) return;
    setLoading(true);
    setError(undefined);
    try {
      const page = await api.interactions(customerId, after(last.startedAt, last.id), PAGE);
      const known = new Set(items.map((i) => i.id));
      setItems([...items, ...page.items.filter((i) => !known.has(i.id))]);
      setMore(page.next !== null);
    } catch (caught) {
      setError(errorMessage(caught, t));
    } finally {
      setLoading(false);
    }
  }

  return (
    <section className="panel timeline" aria-labelledby={titleId}>
      <div className="panel-head">
        <h3 id={titleId}>{t('timeline.title')}</h3>
        <p className="muted">{t('timeline.subtitle')}</p>
      </div>
      {items.length === 0 ? (
        <p className="empty">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline-list">
          {items.map((item) => (
            <TimelineItem
              key={item.id}
              item={item}
              reasonLabels={reasonLabels}
              survey={survey && survey.interactionId === item.id ? survey : undefined}
              canListen={canListen}
            />
          ))}
        </ol>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {more ? (
        <button type="button" className="button button-secondary button-block" onClick={loadMore} disabled={loading} aria-busy={loading}>
          {loading ? t('timeline.loadingMore') : t('timeline.loadMore')}
        </button>
      ) : (
        items.length >= PAGE && <p className="muted timeline-end">{t('timeline.end')}</p>
      )}
    </section>
  );
}
