import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ReplaceReason } from '../api-quality-sampling.js';
import { errorMessage } from '../error-message.js';
import { useT } from '../i18n/index.js';

const REASONS: readonly ReplaceReason[] = ['unusable-recording', 'wrong-advisor', 'other'];

/** Replacing a drawn contact: a reason is required, and a note with "other" (docs/quality.md, "Sampling"). */
export function SampleReplaceForm({ contact, onReplace, onCancel }: { contact: string; onReplace: (reason: ReplaceReason, note: string | undefined) => Promise<void>; onCancel: () => void }) {
  const t = useT();
  const [reason, setReason] = useState<ReplaceReason>('unusable-recording');
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<string>();
  const [saving, setSaving] = useState(false);
  const selectRef = useRef<HTMLSelectElement>(null);
  useEffect(() => selectRef.current?.focus(), []);
  const needsNote = reason === 'other' && note.trim() === '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setFailure(undefined);
    try {
      await onReplace(reason, note.trim() === '' ? undefined : note.trim());
    } catch (caught) {
      setFailure(errorMessage(caught, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="sample-replace" onSubmit={submit} noValidate aria-label={t('qualitySampling.replaceTitle', { contact })} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div className="field">
        <label htmlFor="sample-replace-reason">{t('qualitySampling.reason')}</label>
        <select id="sample-replace-reason" ref={selectRef} value={reason} onChange={(e) => setReason(e.target.value as ReplaceReason)}>
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`qualitySampling.reasons.${r}`)}
            </option>
          ))}
        </select>
      </div>
      {reason === 'other' && (
        <div className="field">
          <label htmlFor="sample-replace-note">{t('qualitySampling.note')}</label>
          <textarea id="sample-replace-note" maxLength={500} required value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
      )}
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      <button type="submit" className="button button-small" disabled={saving || needsNote}>
        {t('qualitySampling.confirmReplace')}
      </button>{' '}
      <button type="button" className="button button-secondary button-small" onClick={onCancel}>
        {t('qualitySampling.cancel')}
      </button>
    </form>
  );
}
