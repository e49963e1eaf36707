import { useId, useState, type FormEvent } from 'react';
import { casesApi } from '../api-cases.js';
import type { CaseKind } from '../cases.js';
import { caseErrorMessage } from '../case-errors.js';
import { useT } from '../i18n/index.js';
import type { ReaderTeam } from '../types.js';

/** The value of the choice "back to the team" (nobody holds the case). */
const TEAM = '';

/**
 * A team lead's bulk assignment: the cases ticked in the queue go to one person of the team, or back
 * to the team's queue, all or none (the server refuses the whole batch if one cannot be assigned).
 */
export function BulkAssignBar({ kind, ids, team, onAssigned }: { kind: CaseKind; ids: string[]; team: ReaderTeam | undefined; onAssigned: () => void }) {
  const t = useT();
  const selectId = useId();
  const [assignee, setAssignee] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (assignee === undefined || ids.length === 0) return;
    setBusy(true);
    setResult(undefined);
    try {
      const to = assignee === TEAM ? null : assignee;
      if (kind === 'complaint') await casesApi.assignComplaints(ids, to);
      else await casesApi.assignFollowups(ids, to);
      const name = to === null ? t('cases.unassigned') : (team?.members.find((m) => m.id === to)?.displayName ?? '');
      setResult({ ok: true, text: t('cases.bulk.done', { count: ids.length, name }) });
      onAssigned();
    } catch (caught) {
      setResult({ ok: false, text: caseErrorMessage(caught, t, 'cases.bulk.failed') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="bulk-bar" onSubmit={submit} aria-label={t('cases.bulk.label')}>
      <p className="bulk-count" aria-live="polite">
        {t('cases.bulk.selected', { count: ids.length })}
      </p>
      <div className="field field-inline">
        <label htmlFor={selectId}>{t('cases.bulk.to')}</label>
        <select id={selectId} value={assignee ?? 'choose'} onChange={(e) => setAssignee(e.target.value === 'choose' ? undefined : e.target.value)}>
          <option value="choose">{t('cases.bulk.choose')}</option>
          {team?.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.displayName} ({t(`roles.${m.role}`)})
            </option>
          ))}
          <option value={TEAM}>{t('cases.bulk.toTeam')}</option>
        </select>
      </div>
      <button type="submit" className="button button-primary button-small" disabled={busy || ids.length === 0 || assignee === undefined}>
        {busy ? t('cases.bulk.assigning') : t('cases.bulk.assign')}
      </button>
      <div role="status" className="bulk-result">
        {result && <p className={`notice ${result.ok ? 'notice-success' : 'notice-error'}`}>{result.text}</p>}
      </div>
    </form>
  );
}
