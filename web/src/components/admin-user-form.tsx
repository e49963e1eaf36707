import { useState, type FormEvent } from 'react';
import { PERSON_ROLES } from '../../../src/contract/staff-vocabulary.js';
import { LANGUAGES } from '../../../src/contract/vocabulary.js';
import { staffApi, type StaffSite, type StaffTeam, type StaffUser } from '../api-staff.js';
import { useT, type MessageKey } from '../i18n/index.js';
import { staffErrorMessage, staffFieldErrors } from '../staff-errors.js';
import { FieldError } from './field-error.js';

const FIELDS = ['email', 'displayName', 'role', 'teamId', 'siteId', 'language', 'password'] as const;

/**
 * The form that creates an account: e-mail, name, role, team, site, language and an optional
 * password. The server checks every field at once; each refusal is shown beside its field.
 */
export function AdminUserForm({
  teams,
  sites,
  onCreated,
  onCancel,
}: {
  teams: readonly StaffTeam[];
  sites: readonly StaffSite[];
  onCreated: (user: StaffUser, password: string | null) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [values, setValues] = useState<Record<(typeof FIELDS)[number], string>>({ email: '', displayName: '', role: '', teamId: '', siteId: '', language: 'fr', password: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const set = (field: (typeof FIELDS)[number]) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }));
  const described = (field: string) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `new-user-${field}-error` } : {});

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setFailure(undefined);
    try {
      const created = await staffApi.createUser({
        email: values.email,
        displayName: values.displayName,
        role: values.role,
        teamId: values.teamId || null,
        siteId: values.siteId || null,
        language: values.language,
        ...(values.password ? { password: values.password } : {}),
      });
      setErrors({});
      onCreated(created.user, created.password);
    } catch (error) {
      const fields = staffFieldErrors(error, t);
      setErrors(fields);
      setFailure(staffErrorMessage(error, t, 'adminUsers.users.form.failed'));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="panel admin-form" onSubmit={submit} noValidate aria-labelledby="new-user-title">
      <h2 id="new-user-title">{t('adminUsers.users.form.title')}</h2>
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor="new-user-email">{t('adminUsers.users.form.email')}</label>
          <input id="new-user-email" type="email" autoComplete="off" value={values.email} onChange={set('email')} required {...described('email')} />
          <FieldError id="new-user-email-error" reason={errors.email} />
        </div>
        <div className="field">
          <label htmlFor="new-user-displayName">{t('adminUsers.users.form.displayName')}</label>
          <input id="new-user-displayName" autoComplete="off" value={values.displayName} onChange={set('displayName')} required {...described('displayName')} />
          <FieldError id="new-user-displayName-error" reason={errors.displayName} />
        </div>
        <div className="field">
          <label htmlFor="new-user-role">{t('adminUsers.users.form.role')}</label>
          <select id="new-user-role" value={values.role} onChange={set('role')} required {...described('role')}>
            <option value="">{t('adminUsers.users.form.chooseRole')}</option>
            {PERSON_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}` as MessageKey)}
              </option>
            ))}
          </select>
          <FieldError id="new-user-role-error" reason={errors.role} />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="new-user-teamId">{t('adminUsers.users.form.team')}</label>
          <select id="new-user-teamId" value={values.teamId} onChange={set('teamId')} {...described('teamId')}>
            <option value="">{t('adminUsers.users.noTeam')}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
          <FieldError id="new-user-teamId-error" reason={errors.teamId} />
        </div>
        <div className="field">
          <label htmlFor="new-user-siteId">{t('adminUsers.users.form.site')}</label>
          <select id="new-user-siteId" value={values.siteId} onChange={set('siteId')} {...described('siteId')}>
            <option value="">{t('adminUsers.users.none')}</option>
            {sites.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </select>
          <FieldError id="new-user-siteId-error" reason={errors.siteId} />
        </div>
        <div className="field">
          <label htmlFor="new-user-language">{t('adminUsers.users.form.language')}</label>
          <select id="new-user-language" value={values.language} onChange={set('language')} {...described('language')}>
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {t(`adminUsers.users.languages.${language}` as MessageKey)}
              </option>
            ))}
          </select>
          <FieldError id="new-user-language-error" reason={errors.language} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="new-user-password">{t('adminUsers.users.form.password')}</label>
        <input
          id="new-user-password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={set('password')}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? 'new-user-password-hint new-user-password-error' : 'new-user-password-hint'}
        />
        <p id="new-user-password-hint" className="muted admin-hint">
          {t('adminUsers.users.form.passwordHint')}
        </p>
        <FieldError id="new-user-password-error" reason={errors.password} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('adminUsers.users.form.saving') : t('adminUsers.users.form.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('adminUsers.users.form.cancel')}
        </button>
      </div>
    </form>
  );
}
