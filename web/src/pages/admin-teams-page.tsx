import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import { SITE_KINDS } from '../../../src/contract/staff-vocabulary.js';
import { staffApi, type StaffSite, type StaffTeam } from '../api-staff.js';
import { FieldError } from '../components/field-error.js';
import { useT, type MessageKey } from '../i18n/index.js';
import { staffErrorMessage, staffFieldErrors } from '../staff-errors.js';
import { AdminHead } from '../components/admin-common.js';
import type { Route } from '../use-route.js';

type Notice = { kind: 'success' | 'error'; text: string } | undefined;
/** A team or site being created (id undefined) or edited. */
type Editing = { what: 'team'; id?: string; name: string; siteId: string } | { what: 'site'; id?: string; name: string; kind: string; city: string };

/**
 * The administration of teams and sites (`/admin/teams`, admins): the teams with their site and
 * active members, the sites with their kind, city and teams; each created, renamed or (a team)
 * attached to another site in a form whose refusals are shown beside their fields.
 */
export function AdminTeamsPage({ navigate }: { navigate: (route: Route) => void }) {
  const t = useT();
  const [teams, setTeams] = useState<StaffTeam[] | undefined>();
  const [sites, setSites] = useState<StaffSite[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [reloads, setReloads] = useState(0);
  const [editing, setEditing] = useState<Editing | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<Notice>();

  useEffect(() => {
    Promise.all([staffApi.teams(), staffApi.sites()])
      .then(([teamList, siteList]) => {
        setTeams(teamList.items);
        setSites(siteList.items);
      })
      .catch((caught) => setError(staffErrorMessage(caught, t, 'adminUsers.teams.failed')));
  }, [reloads]);

  const edit = (next: Editing | undefined) => {
    setEditing(next);
    setErrors({});
    setFailure(undefined);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!editing) return;
    setSaving(true);
    try {
      if (editing.what === 'team') {
        const input = { name: editing.name, siteId: editing.siteId || null };
        const team = editing.id ? await staffApi.updateTeam(editing.id, input) : await staffApi.createTeam(input);
        setNotice({ kind: 'success', text: t(editing.id ? 'adminUsers.teams.teamSaved' : 'adminUsers.teams.teamCreated', { name: team.name }) });
      } else {
        const input = { name: editing.name, kind: editing.kind, city: editing.city };
        const site = editing.id ? await staffApi.updateSite(editing.id, input) : await staffApi.createSite(input);
        setNotice({ kind: 'success', text: t(editing.id ? 'adminUsers.teams.siteSaved' : 'adminUsers.teams.siteCreated', { name: site.name }) });
      }
      edit(undefined);
      setReloads((n) => n + 1);
    } catch (caught) {
      setErrors(staffFieldErrors(caught, t));
      setFailure(staffErrorMessage(caught, t, 'errors.generic'));
    } finally {
      setSaving(false);
    }
  }

  const field = (name: string, label: MessageKey, control: (props: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactElement) => {
    const id = `org-${name}`;
    const props = errors[name] ? { id, 'aria-invalid': true, 'aria-describedby': `${id}-error` } : { id };
    return (
      <div className="field">
        <label htmlFor={id}>{t(label)}</label>
        {control(props)}
        <FieldError id={`${id}-error`} reason={errors[name]} />
      </div>
    );
  };

  const form = editing && (
    <form className="panel admin-form" onSubmit={save} noValidate aria-labelledby="org-form-title">
      <h2 id="org-form-title">
        {editing.id ? t('adminUsers.teams.edit', { name: editing.name }) : t(editing.what === 'team' ? 'adminUsers.teams.createTeam' : 'adminUsers.teams.createSite')}
      </h2>
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      <div className="field-row">
        {field('name', 'adminUsers.teams.name', (props) => (
          <input {...props} autoComplete="off" value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} required />
        ))}
        {editing.what === 'team' &&
          field('siteId', 'adminUsers.teams.site', (props) => (
            <select {...props} value={editing.siteId} onChange={(e) => setEditing({ ...editing, siteId: e.target.value })}>
              <option value="">{t('adminUsers.teams.noSite')}</option>
              {(sites ?? []).map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name}
                </option>
              ))}
            </select>
          ))}
        {editing.what === 'site' &&
          field('kind', 'adminUsers.teams.kind', (props) => (
            <select {...props} value={editing.kind} onChange={(e) => setEditing({ ...editing, kind: e.target.value })}>
              <option value="">{t('adminUsers.teams.chooseKind')}</option>
              {SITE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`adminUsers.teams.kinds.${kind}`)}
                </option>
              ))}
            </select>
          ))}
        {editing.what === 'site' &&
          field('city', 'adminUsers.teams.city', (props) => <input {...props} autoComplete="off" value={editing.city} onChange={(e) => setEditing({ ...editing, city: e.target.value })} />)}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('adminUsers.teams.saving') : t('adminUsers.teams.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => edit(undefined)}>
          {t('adminUsers.teams.cancel')}
        </button>
      </div>
    </form>
  );

  return (
    <div className="admin-page">
      <AdminHead title={t('adminUsers.teams.title')} intro={t('adminUsers.teams.subtitle')} navigate={navigate} />
      {notice && (
        <p className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {form}
      <div className="admin-columns">
        <section className="panel" aria-labelledby="admin-teams-list">
          <div className="panel-head">
            <h2 id="admin-teams-list">{t('adminUsers.teams.teams')}</h2>
            <button type="button" className="button button-primary button-small" onClick={() => edit({ what: 'team', name: '', siteId: '' })}>
              {t('adminUsers.teams.createTeam')}
            </button>
          </div>
          {teams && teams.length === 0 && <p className="empty">{t('adminUsers.teams.emptyTeams')}</p>}
          {teams && teams.length > 0 && (
            <div className="table-scroll">
              <table className="data-table admin-table">
                <thead>
                  <tr>
                    <th scope="col">{t('adminUsers.teams.name')}</th>
                    <th scope="col">{t('adminUsers.teams.site')}</th>
                    <th scope="col" className="num">{t('adminUsers.teams.members')}</th>
                    <th scope="col">{t('adminUsers.teams.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {teams.map((team) => (
                    <tr key={team.id}>
                      <th scope="row">{team.name}</th>
                      <td>{team.site?.name ?? '—'}</td>
                      <td className="num">{team.members}</td>
                      <td>
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          aria-label={t('adminUsers.teams.edit', { name: team.name })}
                          onClick={() => edit({ what: 'team', id: team.id, name: team.name, siteId: team.site?.id ?? '' })}
                        >
                          {t('adminUsers.teams.rename')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section className="panel" aria-labelledby="admin-sites-list">
          <div className="panel-head">
            <h2 id="admin-sites-list">{t('adminUsers.teams.sites')}</h2>
            <button type="button" className="button button-primary button-small" onClick={() => edit({ what: 'site', name: '', kind: '', city: '' })}>
              {t('adminUsers.teams.createSite')}
            </button>
          </div>
          {sites && sites.length === 0 && <p className="empty">{t('adminUsers.teams.emptySites')}</p>}
          {sites && sites.length > 0 && (
            <div className="table-scroll">
              <table className="data-table admin-table">
                <thead>
                  <tr>
                    <th scope="col">{t('adminUsers.teams.name')}</th>
                    <th scope="col">{t('adminUsers.teams.kind')}</th>
                    <th scope="col">{t('adminUsers.teams.city')}</th>
                    <th scope="col" className="num">{t('adminUsers.teams.teamCount')}</th>
                    <th scope="col">{t('adminUsers.teams.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sites.map((site) => (
                    <tr key={site.id}>
                      <th scope="row">
                        <span className="admin-name">{site.name}</span>
                        <span className="muted admin-email">{site.code}</span>
                      </th>
                      <td>{t(`adminUsers.teams.kinds.${site.kind}`)}</td>
                      <td>{site.city}</td>
                      <td className="num">{site.teams}</td>
                      <td>
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          aria-label={t('adminUsers.teams.edit', { name: site.name })}
                          onClick={() => edit({ what: 'site', id: site.id, name: site.name, kind: site.kind, city: site.city })}
                        >
                          {t('adminUsers.teams.rename')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
