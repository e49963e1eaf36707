import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { errorMessage } from '../error-message.js';
import { useT } from '../i18n/index.js';
import type { CustomerSummary } from '../types.js';

type State =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'done'; q: string; items: CustomerSummary[] }
  | { kind: 'error'; message: string };

/** Search by name, customer number or phone; results as a list of buttons that open the card. */
export function CustomerSearch({
  selectedId,
  canCreate,
  onSelect,
  onCreate,
}: {
  selectedId: string | undefined;
  canCreate: boolean;
  onSelect: (id: string) => void;
  onCreate: (phone: string | undefined) => void;
}) {
  const t = useT();
  const inputId = useId();
  const hintId = useId();
  const [q, setQ] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [hint, setHint] = useState<string | undefined>();
  const sequence = useRef(0);

  async function run(query: string) {
    const trimmed = query.trim();
    if (trimmed.length < 2) {
      setHint(t('search.tooShort'));
      return;
    }
    setHint(undefined);
    const mine = ++sequence.current;
    setState({ kind: 'searching' });
    try {
      const { items } = await api.search(trimmed);
      if (mine === sequence.current) setState({ kind: 'done', q: trimmed, items });
    } catch (error) {
      if (mine === sequence.current) setState({ kind: 'error', message: errorMessage(error, t) });
    }
  }

  // Search as the advisor types, once they pause.
  useEffect(() => {
    const trimmed = q.trim();
    if (trimmed.length < 2) return;
    const timer = setTimeout(() => void run(trimmed), 350);
    return () => clearTimeout(timer);
  }, [q]);

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(q);
  }

  const looksLikePhone = /^[\d\s+().\-/]{6,}$/.test(q.trim());

  return (
    <section className="panel search-panel" aria-labelledby="search-title">
      <h2 id="search-title">{t('search.title')}</h2>
      <form role="search" onSubmit={submit} className="search-form">
        <label htmlFor={inputId}>{t('search.label')}</label>
        <div className="search-row">
          <input
            id={inputId}
            type="search"
            name="q"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('search.placeholder')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            aria-describedby={hint ? hintId : undefined}
          />
          <button type="submit" className="button button-primary">
            {t('search.submit')}
          </button>
        </div>
        {hint && (
          <p id={hintId} className="field-hint">
            {hint}
          </p>
        )}
      </form>
      <div className="search-results" aria-live="polite" aria-busy={state.kind === 'searching'}>
        {state.kind === 'searching' && <p className="muted">{t('search.searching')}</p>}
        {state.kind === 'error' && (
          <p className="notice notice-error" role="alert">
            {state.message}
          </p>
        )}
        {state.kind === 'done' && state.items.length === 0 && <p className="muted">{t('search.noResults', { q: state.q })}</p>}
        {state.kind === 'done' && state.items.length > 0 && (
          <>
            <p className="muted results-count">{t('search.results', { count: state.items.length })}</p>
            <ul className="result-list">
              {state.items.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    className="result"
                    aria-current={item.id === selectedId ? 'true' : undefined}
                    onClick={() => onSelect(item.id)}
                  >
                    <span className="result-name">{item.displayName}</span>
                    <span className="result-meta">
                      <span className="result-number">{item.customerNumber}</span>
                      {item.segment && (
                        <span className={`badge badge-segment badge-${item.segment}`}>{t(`segments.${item.segment}`)}</span>
                      )}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {canCreate && (
        <button type="button" className="button button-secondary button-block" onClick={() => onCreate(looksLikePhone ? q.trim() : undefined)}>
          {t('search.createCustomer')}
        </button>
      )}
    </section>
  );
}
