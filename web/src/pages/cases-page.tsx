import { useEffect, useMemo, useRef, useState } from 'react';
import { casesApi } from '../api-cases.js';
import { parseQueueChoice, queueChoiceQuery, queueFilters, QUEUE_TABS, type CaseKind, type QueueChoice } from '../cases.js';
import { BulkAssignBar } from '../components/bulk-assign-bar.js';
import { CaseQueueTable, complaintRow, followupRow } from '../components/case-queue-table.js';
import { errorMessage } from '../error-message.js';
import { LOCALES, useLanguage, useT } from '../i18n/index.js';
import type { ComplaintSummary, FollowupSummary, ReaderTeam, User } from '../types.js';
import { useComplaintCategories } from '../use-case-references.js';
import { linkTo, type Route } from '../use-route.js';
import { CallbacksPanel } from './callbacks-panel.js';

const PAGE = 50;

/** The rows loaded so far for a kind and tab (`key`), as the API gave them, and the next page's cursor. */
type Loaded = { key: string; next: string | null } & ({ kind: 'complaint'; items: ComplaintSummary[] } | { kind: 'followup'; items: FollowupSummary[] });

/**
 * The workbench's queues (`/cases`): follow-ups of detractors and complaints, each by tab (mine, my
 * team's, due today, overdue, hot), soonest deadline first, 50 at a time; team leads tick cases and
 * assign them at once; the CSV export has the same filters. Reloaded when `refreshKey` changes (a hot
 * follow-up arrived).
 */
export function CasesPage({
  user,
  team,
  query,
  refreshKey,
  navigate,
}: {
  user: User;
  team: ReaderTeam | undefined;
  query: string;
  refreshKey: number;
  navigate: (route: Route) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const can = (ability: string) => user.abilities.includes(ability);
  const kinds = (['followup', 'complaint'] as const).filter((k) => can(`${k}.read`));
  // the callbacks customers ask for in the app: a queue of their own (`kind=callback`)
  const callbacks = can('callback.read');
  const showCallbacks = callbacks && new URLSearchParams(query).get('kind') === 'callback';
  const fallback: QueueChoice = { kind: kinds[0] ?? 'followup', tab: user.role === 'advisor' ? 'mine' : 'team' };
  const choice = parseQueueChoice(query, fallback);
  const kind: CaseKind = kinds.includes(choice.kind) ? choice.kind : fallback.kind;
  const categories = useComplaintCategories(kind === 'complaint');
  const euros = useMemo(() => new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: 'EUR' }), [language]);
  const filters = queueFilters(choice.tab);
  const key = `${kind}:${choice.tab}:${refreshKey}`;
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reloads, setReloads] = useState(0);
  const sequence = useRef(0);
  const canAssign = can(`${kind}.assign`);
  const canExport = can(`${kind}.export`);

  async function load(cursor: string | null) {
    const mine = ++sequence.current;
    setLoading(true);
    setError(undefined);
    try {
      const params = { ...filters, limit: PAGE, cursor: cursor ?? undefined };
      const page: Loaded =
        kind === 'complaint'
          ? { key, kind, ...(await casesApi.complaints(params)) }
          : { key, kind, ...(await casesApi.followups(params)) };
      if (mine !== sequence.current) return;
      setLoaded((previous) =>
        cursor && previous?.key === key && previous.kind === page.kind ? ({ ...page, items: [...previous.items, ...page.items] } as Loaded) : page,
      );
    } catch (caught) {
      if (mine === sequence.current) setError(errorMessage(caught, t, 'cases.failed'));
    } finally {
      if (mine === sequence.current) setLoading(false);
    }
  }

  useEffect(() => {
    setSelected(new Set());
    if (!showCallbacks) void load(null);
  }, [key, reloads, showCallbacks]);

  const current = loaded?.key === key ? loaded : undefined;
  const rows =
    current === undefined ? [] : current.kind === 'complaint' ? current.items.map((c) => complaintRow(c, categories, t, euros)) : current.items.map((f) => followupRow(f, t, language));
  const tabLabel = (tab: QueueChoice['tab']) => (tab === 'team' && user.teamId === null ? t('cases.tabs.all') : t(`cases.tabs.${tab}`));

  return (
    <div className="cases-page">
      <div className="page-head">
        <h1>{t('cases.title')}</h1>
        <p className="muted">{t('cases.subtitle')}</p>
      </div>
      {kinds.length + (callbacks ? 1 : 0) > 1 && (
        <nav className="sub-nav" aria-label={t('cases.kindsLabel')}>
          <ul>
            {kinds.map((k) => (
              <li key={k}>
                <a {...linkTo({ page: 'cases', query: queueChoiceQuery({ kind: k, tab: choice.tab }) }, navigate)} aria-current={k === kind && !showCallbacks ? 'page' : undefined}>
                  {t(`cases.kinds.${k}`)}
                </a>
              </li>
            ))}
            {callbacks && (
              <li>
                <a {...linkTo({ page: 'cases', query: 'kind=callback' }, navigate)} aria-current={showCallbacks ? 'page' : undefined}>
                  {t('callbacks.kind')}
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
      {showCallbacks ? (
        <CallbacksPanel user={user} />
      ) : (
      <section className="panel queue-panel" aria-labelledby="queue-title" aria-busy={loading}>
        <div className="panel-head queue-head">
          <h2 id="queue-title">
            {t(`cases.kinds.${kind}`)} · {tabLabel(choice.tab)}
          </h2>
          <div className="panel-tools">
            <button type="button" className="button button-secondary button-small" onClick={() => setReloads((n) => n + 1)}>
              {t('cases.refresh')}
            </button>
            {canExport && (
              <a className="button button-secondary button-small" href={kind === 'complaint' ? casesApi.complaintsCsvUrl(filters) : casesApi.followupsCsvUrl(filters)} download>
                {t('cases.export')}
              </a>
            )}
          </div>
        </div>
        <ul className="queue-tabs" aria-label={t('cases.tabsLabel')}>
          {QUEUE_TABS.map((tab) => (
            <li key={tab}>
              <a
                {...linkTo({ page: 'cases', query: queueChoiceQuery({ kind, tab }) }, navigate)}
                aria-current={tab === choice.tab ? 'true' : undefined}
                className={`queue-tab queue-tab-${tab}`}
              >
                {tabLabel(tab)}
              </a>
            </li>
          ))}
        </ul>
        {canAssign && (
          <BulkAssignBar
            kind={kind}
            ids={[...selected].filter((id) => rows.some((r) => r.id === id))}
            team={team}
            onAssigned={() => setReloads((n) => n + 1)}
          />
        )}
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        {loading && rows.length === 0 && <p className="muted">{t('app.loading')}</p>}
        {!loading && !error && rows.length === 0 && <p className="empty">{t('cases.empty')}</p>}
        {rows.length > 0 && (
          <div className="table-scroll queue-scroll">
            <CaseQueueTable
              rows={rows}
              kind={kind}
              userId={user.id}
              team={team}
              selected={canAssign ? selected : undefined}
              onSelect={(ids, on) =>
                setSelected((previous) => {
                  const next = new Set(previous);
                  for (const id of ids) if (on) next.add(id);
                  else next.delete(id);
                  return next;
                })
              }
              navigate={navigate}
            />
          </div>
        )}
        {current && current.next !== null && (
          <button type="button" className="button button-secondary button-block" onClick={() => void load(current.next)} disabled={loading} aria-busy={loading}>
            {loading ? t('app.loading') : t('cases.more')}
          </button>
        )}
      </section>
      )}
    </div>
  );
}
