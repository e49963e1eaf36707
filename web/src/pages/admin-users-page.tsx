import { useEffect, useRef, useState, type FormEvent } from 'react';
import { PERSON_ROLES } from '../../../src/contract/staff-vocabulary.js';
import { staffApi, type StaffSite, type StaffTeam, type StaffUser } from '../api-staff.js';
import { AdminDialog } from '../components/admin-dialog.js';
import { AdminUserForm } from '../components/admin-user-form.js';
import { useT, type MessageKey } from '../i18n/index.js';
import { staffErrorMessage } from '../staff-errors.js';
import { AdminHead } from '../components/admin-common.js';
import type { Route } from '../use-route.js';

const PAGE_SIZE = 20;

type RowAction = 'deactivate' | 'reactivate' | 'resetPassword' | 'endSessions';
interface Filters {
  text: string;
  role: string;
  team: string;
  site: string;
  active: string;
}
const NO_FILTERS: Filters = { text: '', role: '', team: '', site: '', active: '' };

/**
 * The administration of people's accounts (`/admin/users`, admins): the accounts by name, filtered
 * and a page at a time; a form that creates one; on each row, deactivate or reactivate, a new
 * temporary password (shown once, with a copy button) and ending its sessions, each confirmed first.
 */
export function AdminUsersPage({ navigate }: { navigate: (route: Route) => void }) {
  const t = useT();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [reloads, setReloads] = useState(0);
  const [data, setData] = useState<{ items: StaffUser[]; total: number } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [orgs, setOrgs] = useState<{ teams: StaffTeam[]; sites: StaffSite[] }>({ teams: [], sites: [] });
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | undefined>();
  const [confirming, setConfirming] = useState<{ user: StaffUser; action: RowAction } | undefined>();
  const [password, setPassword] = useState<{ user: StaffUser; password: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const sequence = useRef(0);

  useEffect(() => {
    Promise.all([staffApi.teams(), staffApi.sites()])
      .then(([teams, sites]) => setOrgs({ teams: teams.items, sites: sites.items }))
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    const mine = ++sequence.current;
    setLoading(true);
    setError(undefined);
    staffApi
      .users({ text: filters.text || undefined, role: filters.role || undefined, team: filters.team || undefined, site: filters.site || undefined, active: filters.active || undefined, page, pageSize: PAGE_SIZE })
      .then((answer) => mine === sequence.current && setData(answer))
      .catch((caught) => mine === sequence.current && setError(staffErrorMessage(caught, t, 'adminUsers.users.failed')))
      .finally(() => mine === sequence.current && setLoading(false));
  }, [filters, page, reloads]);

  const pages = Math.max(1, Math.ceil((data?.total ?? 0) / PAGE_SIZE));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setFilters(draft);
  };

  async function act(user: StaffUser, action: RowAction) {
    setBusy(true);
    try {
      if (action === 'resetPassword') {
        const reset = await staffApi.resetPassword(user.id);
        setConfirming(undefined);
        setPassword({ user: reset.user, password: reset.password });
        setNotice(undefined);
      } else if (action === 'endSessions') {
        const done = await staffApi.endSessions(user.id);
        setConfirming(undefined);
        setNotice({ kind: 'success', text: t('adminUsers.users.done.endSessions', { count: done.ended, name: user.displayName }) });
      } else {
        await (action === 'deactivate' ? staffApi.deactivate(user.id) : staffApi.reactivate(user.id));
        setConfirming(undefined);
        setNotice({ kind: 'success', text: t(`adminUsers.users.done.${action}`, { name: user.displayName }) });
      }
      setReloads((n) => n + 1);
    } catch (caught) {
      setConfirming(undefined);
      setNotice({ kind: 'error', text: staffErrorMessage(caught, t, 'errors.generic') });
    } finally {
      setBusy(false);
    }
  }

  const filter = (field: keyof Filters) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: event.target.value }));
  return (
    <div className="admin-page">
      <AdminHead title={t('adminUsers.users.title')} intro={t('adminUsers.users.subtitle')} navigate={navigate} />
      {notice && (
        <p className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {creating && (
        <AdminUserForm
          teams={orgs.teams}
          sites={orgs.sites}
          onCancel={() => setCreating(false)}
          onCreated={(user, generated) => {
            setCreating(false);
            setNotice({ kind: 'success', text: t('adminUsers.users.form.created', { name: user.displayName }) });
            if (generated) setPassword({ user, password: generated });
            setReloads((n) => n + 1);
          }}
        />
      )}
      <section className="panel" aria-labelledby="admin-users-list" aria-busy={loading}>
        <div className="panel-head">
          <h2 id="admin-users-list">{data ? t('adminUsers.users.count', { count: data.total }) : t('adminUsers.users.title')}</h2>
          {!creating && (
            <button type="button" className="button button-primary button-small" onClick={() => setCreating(true)}>
              {t('adminUsers.users.create')}
            </button>
          )}
        </div>
        <form className="admin-filters" onSubmit={apply} aria-label={t('adminUsers.users.filters')}>
          <div className="field">
            <label htmlFor="users-text">{t('adminUsers.users.text')}</label>
            <input id="users-text" type="search" value={draft.text} onChange={filter('text')} />
          </div>
          <div className="field">
            <label htmlFor="users-role">{t('adminUsers.users.role')}</label>
            <select id="users-role" value={draft.role} onChange={filter('role')}>
              <option value="">{t('adminUsers.users.any')}</option>
              {PERSON_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="users-team">{t('adminUsers.users.team')}</label>
            <select id="users-team" value={draft.team} onChange={filter('team')}>
              <option value="">{t('adminUsers.users.any')}</option>
              {orgs.teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="users-site">{t('adminUsers.users.site')}</label>
            <select id="users-site" value={draft.site} onChange={filter('site')}>
              <option value="">{t('adminUsers.users.any')}</option>
              {orgs.sites.map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="users-active">{t('adminUsers.users.state')}</label>
            <select id="users-active" value={draft.active} onChange={filter('active')}>
              <option value="">{t('adminUsers.users.any')}</option>
              <option value="true">{t('adminUsers.users.active')}</option>
              <option value="false">{t('adminUsers.users.inactive')}</option>
            </select>
          </div>
          <div className="admin-filter-buttons">
            <button type="submit" className="button button-secondary button-small">
              {t('adminUsers.users.apply')}
            </button>
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => {
                setDraft(NO_FILTERS);
                setFilters(NO_FILTERS);
                setPage(1);
              }}
            >
              {t('adminUsers.users.clear')}
            </button>
          </div>
        </form>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        {data && data.items.length === 0 && !error && <p className="empty">{t('adminUsers.users.empty')}</p>}
        {data && data.items.length > 0 && (
          <div className="table-scroll">
            <table className="data-table admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('adminUsers.users.columns.name')}</th>
                  <th scope="col">{t('adminUsers.users.columns.role')}</th>
                  <th scope="col">{t('adminUsers.users.columns.team')}</th>
                  <th scope="col">{t('adminUsers.users.columns.site')}</th>
                  <th scope="col">{t('adminUsers.users.columns.state')}</th>
                  <th scope="col" className="num">{t('adminUsers.users.columns.sessions')}</th>
                  <th scope="col">{t('adminUsers.users.columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((user) => (
                  <tr key={user.id} className={user.active ? undefined : 'admin-inactive'}>
                    <th scope="row">
                      <span className="admin-name">{user.displayName}</span>
                      <span className="muted admin-email">{user.email}</span>
                    </th>
                    <td>{t(`roles.${user.role}` as MessageKey)}</td>
                    <td>{user.team?.name ?? '—'}</td>
                    <td>{user.site?.name ?? '—'}</td>
                    <td>
                      <span className={`badge ${user.active ? 'admin-state-active' : 'admin-state-inactive'}`}>{user.active ? t('adminUsers.users.active') : t('adminUsers.users.inactive')}</span>
                    </td>
                    <td className="num">{user.sessions}</td>
                    <td>
                      <div className="admin-row-actions" role="group" aria-label={t('adminUsers.users.rowActions', { name: user.displayName })}>
                        {(user.active ? (['deactivate', 'resetPassword', 'endSessions'] as const) : (['reactivate', 'resetPassword'] as const)).map((action) => (
                          <button
                            key={action}
                            type="button"
                            className="button button-secondary button-small"
                            disabled={action === 'endSessions' && user.sessions === 0}
                            onClick={() => setConfirming({ user, action })}
                          >
                            {t(`adminUsers.users.${action}`)}
                          </button>
                        ))}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {data && pages > 1 && (
          <nav className="admin-pager" aria-label={t('adminUsers.users.pagination')}>
            <button type="button" className="button button-secondary button-small" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
              {t('adminUsers.users.previous')}
            </button>
            <span aria-live="polite">{t('adminUsers.users.page', { page, pages })}</span>
            <button type="button" className="button button-secondary button-small" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
              {t('adminUsers.users.next')}
            </button>
          </nav>
        )}
      </section>
      {confirming && (
        <AdminDialog title={t(`adminUsers.users.${confirming.action}`)} onClose={() => setConfirming(undefined)}>
          {() => (
            <>
              <p>{t(`adminUsers.users.confirm.${confirming.action}`, { name: confirming.user.displayName })}</p>
              <div className="form-actions">
                <button type="button" className="button button-primary" disabled={busy} onClick={() => void act(confirming.user, confirming.action)}>
                  {t('adminUsers.users.confirm.yes')}
                </button>
                <button type="button" className="button button-secondary" onClick={() => setConfirming(undefined)} autoFocus>
                  {t('adminUsers.users.confirm.cancel')}
                </button>
              </div>
            </>
          )}
        </AdminDialog>
      )}
      {password && <PasswordDialog name={password.user.displayName} email={password.user.email} password={password.password} onClose={() => setPassword(undefined)} />}
    </div>
  );
}

/** A temporary password, shown this once, with a button that copies it. */
function PasswordDialog({ name, email, password, onClose }: { name: string; email: string; password: string; onClose: () => void }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <AdminDialog title={t('adminUsers.users.password.title')} onClose={onClose}>
      {() => (
        <>
          <p>{t('adminUsers.users.password.intro', { name, email })}</p>
          <p className="admin-password">
            <code data-testid="temporary-password">{password}</code>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() =>
                void navigator.clipboard
                  ?.writeText(password)
                  .then(() => setCopied(true))
                  .catch(() => undefined)
              }
            >
              {copied ? t('adminUsers.users.password.copied') : t('adminUsers.users.password.copy')}
            </button>
          </p>
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={onClose}>
              {t('adminUsers.users.password.close')}
            </button>
          </div>
        </>
      )}
    </AdminDialog>
  );
}
