import { useEffect, useRef, useState } from 'react';
import { actionErrorMessage } from '../action-errors.js';
import { BOARD_TABS, boardQuery, parseBoardQuery, TAB_STATES, type BoardChoice } from '../actions.js';
import { actionsApi } from '../api-actions.js';
import { ActionDetailPanel } from '../components/action-detail.js';
import { ActionForm } from '../components/action-form.js';
import { formatDate } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { ActionSummary, User } from '../types.js';
import { useLoad } from '../use-load.js';
import { linkTo, type Route } from '../use-route.js';

const PAGE = 50;

/**
 * The improvement actions board (`/actions`): the actions by state (open, done, verified, abandoned,
 * all), newest first, 50 at a time, with their causes, owner, due date and flags (late, effect faded);
 * one action open beside the list (`?id=`) with its lifecycle, effect and evidence; a CX manager
 * creates one, from a cause when the page is opened with `?cause=` (the Pareto board links there).
 */
export function ActionsPage({ user, query, navigate }: { user: User; query: string; navigate: (route: Route, options?: { replace?: boolean }) => void }) {
  const t = useT();
  const language = useLanguage();
  const choice = parseBoardQuery(query);
  const canCreate = user.abilities.includes('action.edit');
  const [creating, setCreating] = useState(choice.cause !== undefined && canCreate);
  const [reloads, setReloads] = useState(0);
  const [items, setItems] = useState<{ key: string; rows: ActionSummary[]; next: string | null } | undefined>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const sequence = useRef(0);
  const key = `${choice.tab}:${language}:${reloads}`;
  const filters = { status: TAB_STATES[choice.tab]?.join(',') };
  const references = useLoad(creating ? language : null, async () => ({ causes: (await actionsApi.causes(language)).items, owners: (await actionsApi.owners()).items }));
  const go = (next: BoardChoice, replace = false) => navigate({ page: 'actions', query: boardQuery(next) }, { replace });

  async function load(cursor: string | null) {
    const mine = ++sequence.current;
    setLoading(true);
    setError(undefined);
    try {
      const page = await actionsApi.list({ ...filters, lang: language, limit: PAGE, cursor: cursor ?? undefined });
      if (mine !== sequence.current) return;
      setItems((previous) => ({ key, rows: cursor && previous?.key === key ? [...previous.rows, ...page.items] : page.items, next: page.next }));
    } catch (caught) {
      if (mine === sequence.current) setError(actionErrorMessage(caught, t, 'actions.failed'));
    } finally {
      if (mine === sequence.current) setLoading(false);
    }
  }

  useEffect(() => {
    void load(null);
  }, [key]);

  const rows = items?.key === key ? items.rows : [];
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, language);
  return (
    <div className="actions-page">
      <div className="page-head">
        <h1>{t('actions.title')}</h1>
        <p className="muted">{t('actions.subtitle')}</p>
      </div>
      {creating && references.data && (
        <ActionForm
          user={user}
          causes={references.data.causes}
          owners={references.data.owners}
          initialCause={choice.cause}
          onCreated={(created) => {
            setCreating(false);
            setReloads((n) => n + 1);
            go({ tab: 'open', id: created.id }, true);
          }}
          onCancel={() => {
            setCreating(false);
            if (choice.cause) go({ ...choice, cause: undefined }, true);
          }}
        />
      )}
      {creating && references.error !== undefined && (
        <p className="notice notice-error" role="alert">
          {actionErrorMessage(references.error, t, 'actions.form.failed')}
        </p>
      )}
      <div className={choice.id ? 'actions-layout actions-layout-detail' : 'actions-layout'}>
        <section className="panel actions-board" aria-labelledby="actions-list-title" aria-busy={loading}>
          <div className="panel-head">
            <h2 id="actions-list-title">{t(`actions.tabs.${choice.tab}`)}</h2>
            <div className="panel-tools">
              {canCreate && !creating && (
                <button type="button" className="button button-primary button-small" onClick={() => setCreating(true)}>
                  {t('actions.create')}
                </button>
              )}
              <button type="button" className="button button-secondary button-small" onClick={() => setReloads((n) => n + 1)}>
                {t('actions.refresh')}
              </button>
              <a className="button button-secondary button-small" href={actionsApi.csvUrl(filters)} download>
                {t('actions.export')}
              </a>
            </div>
          </div>
          <ul className="queue-tabs" aria-label={t('actions.tabsLabel')}>
            {BOARD_TABS.map((tab) => (
              <li key={tab}>
                <a {...linkTo({ page: 'actions', query: boardQuery({ tab }) }, navigate)} aria-current={tab === choice.tab ? 'true' : undefined} className="queue-tab">
                  {t(`actions.tabs.${tab}`)}
                </a>
              </li>
            ))}
          </ul>
          {error && (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          )}
          {loading && rows.length === 0 && <p className="muted">{t('app.loading')}</p>}
          {!loading && !error && rows.length === 0 && <p className="empty">{t('actions.empty')}</p>}
          {rows.length > 0 && (
            <div className="table-scroll">
              <table className="data-table actions-table">
                <thead>
                  <tr>
                    <th scope="col">{t('actions.columns.reference')}</th>
                    <th scope="col">{t('actions.columns.title')}</th>
                    <th scope="col">{t('actions.columns.causes')}</th>
                    <th scope="col">{t('actions.columns.owner')}</th>
                    <th scope="col">{t('actions.columns.due')}</th>
                    <th scope="col">{t('actions.columns.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((a) => (
                    <tr key={a.id} aria-current={a.id === choice.id ? 'true' : undefined}>
                      <th scope="row">
                        <a {...linkTo({ page: 'actions', query: boardQuery({ tab: choice.tab, id: a.id }) }, navigate)}>{a.reference}</a>
                      </th>
                      <td>{a.title}</td>
                      <td>{a.causes.map((c) => c.label).join(', ')}</td>
                      <td>{a.owner.name ?? a.owner.id}</td>
                      <td>
                        {day(a.dueDate)}
                        {a.overdue && <span className="badge badge-status-pending">{t('actions.overdue')}</span>}
                      </td>
                      <td>
                        <span className={`badge action-state action-state-${a.state}`}>{t(`actions.states.${a.state}`)}</span>
                        {a.faded && <span className="badge action-faded">{t('actions.faded')}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {items?.key === key && items.next !== null && (
            <button type="button" className="button button-secondary button-block" onClick={() => void load(items.next)} disabled={loading}>
              {loading ? t('app.loading') : t('actions.more')}
            </button>
          )}
        </section>
        {choice.id && <ActionDetailPanel key={choice.id} id={choice.id} onChanged={() => setReloads((n) => n + 1)} onClose={() => go({ tab: choice.tab })} />}
      </div>
    </div>
  );
}
