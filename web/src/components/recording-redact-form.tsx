import { useState } from 'react';
import { recordingsApi, type Recording } from '../api-quality-recordings.js';
import { wordedReason } from '../cases.js';
import { errorMessage } from '../error-message.js';
import { fieldErrorsOf, fieldProblem, type FieldErrors } from '../field-errors.js';
import { useT } from '../i18n/index.js';
import { FieldError } from './field-error.js';

/** m:ss or plain seconds as milliseconds; null when it is neither. */
export function parseClock(value: string): number | null {
  const text = value.trim();
  const clock = /^(\d{1,3}):([0-5]\d)$/.exec(text);
  if (clock) return (Number(clock[1]) * 60 + Number(clock[2])) * 1000;
  return /^\d{1,5}$/.test(text) ? Number(text) * 1000 : null;
}

const clockOf = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;

/**
 * Silences a span of a recording for good (docs/quality.md, "Recordings"): from and to (m:ss, the
 * player's position by default), and why. The server replaces the audio; the player shows the new one.
 */
export function RecordingRedactForm({ recording, positionMs, onRedacted }: { recording: Recording; positionMs: number; onRedacted: (r: Recording) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `redact-${recording.id}`;
  if (!open) {
    return (
      <button
        type="button"
        className="link-button recording-redact-open"
        onClick={() => {
          setFrom(clockOf(positionMs));
          setTo(clockOf(Math.min(recording.durationMs, positionMs + 5000)));
          setOpen(true);
        }}
      >
        {t('recordings.redactOpen')}
      </button>
    );
  }
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const startMs = parseClock(from);
    const endMs = parseClock(to);
    const own: Record<string, ReturnType<typeof fieldProblem>> = {};
    if (startMs === null) own.startMs = fieldProblem('invalid-format', { format: 'clock' });
    if (endMs === null) own.endMs = fieldProblem('invalid-format', { format: 'clock' });
    if (!reason.trim()) own.reason = fieldProblem('required');
    setErrors(own);
    setFailure(null);
    if (Object.keys(own).length > 0 || startMs === null || endMs === null) return;
    setBusy(true);
    try {
      onRedacted(await recordingsApi.redact(recording.id, { startMs, endMs, reason: reason.trim() }));
      setOpen(false);
      setReason('');
    } catch (caught) {
      const fields = fieldErrorsOf(caught);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(errorMessage(caught, t));
    } finally {
      setBusy(false);
    }
  };
  const reasonOf = (field: string) => wordedReason(errors[field], t);
  return (
    <form className="recording-redact-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('recordings.redactTitle')}</h3>
      <p className="muted">{t('recordings.redactHint')}</p>
      <div className="form-row">
        <label htmlFor={`${id}-from`}>{t('recordings.redactFrom')}</label>
        <input id={`${id}-from`} value={from} onChange={(e) => setFrom(e.target.value)} inputMode="numeric" size={6} aria-invalid={!!errors.startMs} aria-describedby={errors.startMs ? `${id}-from-error` : undefined} />
        <FieldError id={`${id}-from-error`} reason={reasonOf('startMs')} />
        <label htmlFor={`${id}-to`}>{t('recordings.redactTo')}</label>
        <input id={`${id}-to`} value={to} onChange={(e) => setTo(e.target.value)} inputMode="numeric" size={6} aria-invalid={!!errors.endMs} aria-describedby={errors.endMs ? `${id}-to-error` : undefined} />
        <FieldError id={`${id}-to-error`} reason={reasonOf('endMs')} />
      </div>
      <label htmlFor={`${id}-reason`}>{t('recordings.redactReason')}</label>
      <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} aria-invalid={!!errors.reason} aria-describedby={errors.reason ? `${id}-reason-error` : undefined} />
      <FieldError id={`${id}-reason-error`} reason={reasonOf('reason')} />
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('recordings.redactSubmit')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('recordings.redactCancel')}
        </button>
      </div>
    </form>
  );
}
