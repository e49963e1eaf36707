import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { casesApi } from '../api-cases.js';
import { caseErrorMessage } from '../case-errors.js';
import { formatBytes, formatDateTime } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { ComplaintAttachment } from '../types.js';
import { useLoad } from '../use-load.js';
import { FieldError } from './field-error.js';

/** Extensions a device may know a file by when it has no type for it (HEIC photos, saved e-mails). */
const EXTENSIONS = '.pdf,.png,.jpg,.jpeg,.heic,.heif,.txt,.eml';

/**
 * The files attached to a complaint: each to download, who attached it and when; those removed, with
 * who removed them and why. Whoever handles the complaint attaches files (several at once, the camera
 * or photos on a tablet) and removes one, saying why. Refusals (too large, a type not accepted, too
 * many) are worded in the reader's language; a file over the limit is refused before it is sent.
 */
export function ComplaintAttachments({
  complaintId,
  refreshKey,
  canHandle,
  onChanged,
}: {
  complaintId: string;
  refreshKey: number;
  canHandle: boolean;
  /** after an attachment was added or removed: the case reloads (its timeline), with this notice */
  onChanged: (notice: string) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const inputId = useId();
  const loaded = useLoad(`${complaintId}:${refreshKey}`, () => casesApi.complaintAttachments(complaintId));
  const [sending, setSending] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [removing, setRemoving] = useState<string | undefined>();
  const limits = loaded.data?.limits;
  const items = loaded.data?.items ?? [];
  const who = (by: ComplaintAttachment['uploadedBy']) => (by.kind === 'system' ? t('cases.system') : (by.name ?? t('cases.someoneElse')));

  async function attach(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length === 0 || !limits) return;
    setError(undefined);
    const attached: string[] = [];
    for (const file of files) {
      if (file.size > limits.maxBytes) {
        setError(t('cases.attachments.tooLarge', { name: file.name, maxSize: formatBytes(limits.maxBytes, language) }));
        break;
      }
      setSending(file.name);
      try {
        await casesApi.attachToComplaint(complaintId, file);
        attached.push(file.name);
      } catch (caught) {
        setError(`${file.name}: ${caseErrorMessage(caught, t, 'cases.attachments.failed')}`);
        break;
      }
    }
    setSending(undefined);
    if (attached.length > 0) onChanged(t('cases.attachments.uploaded', { name: attached.join(', ') }));
  }

  return (
    <section className="panel complaint-attachments" aria-labelledby="complaint-attachments-title">
      <h2 id="complaint-attachments-title">{t('cases.attachments.title')}</h2>
      {loaded.error !== undefined && (
        <p className="notice notice-error" role="alert">
          {caseErrorMessage(loaded.error, t, 'cases.attachments.listFailed')}
        </p>
      )}
      {loaded.data && items.length === 0 && <p className="muted">{t('cases.attachments.none')}</p>}
      {items.length > 0 && (
        <ul className="attachment-list">
          {items.map((a) =>
            a.removed ? (
              <li key={a.id} className="attachment attachment-removed">
                <span className="attachment-name">{a.fileName}</span>
                <span className="muted">
                  {t('cases.attachments.removed', { who: who(a.removed.by), date: formatDateTime(a.removed.at, language), reason: a.removed.reason ?? '' })}
                </span>
              </li>
            ) : (
              <li key={a.id} className="attachment">
                <a className="attachment-name" href={casesApi.complaintAttachmentUrl(complaintId, a.id)} download={a.fileName} aria-label={t('cases.attachments.download', { name: a.fileName })}>
                  {a.fileName}
                </a>
                <span className="muted">
                  {formatBytes(a.sizeBytes, language)} · {t('cases.attachments.by', { who: who(a.uploadedBy), date: formatDateTime(a.uploadedAt, language) })}
                </span>
                {canHandle && (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-expanded={removing === a.id}
                    aria-label={t('cases.attachments.removeLabel', { name: a.fileName })}
                    onClick={() => setRemoving(removing === a.id ? undefined : a.id)}
                  >
                    {t('cases.attachments.remove')}
                  </button>
                )}
                {removing === a.id && (
                  <RemoveForm
                    attachment={a}
                    remove={(reason) => casesApi.removeComplaintAttachment(complaintId, a.id, reason)}
                    onRemoved={() => {
                      setRemoving(undefined);
                      onChanged(t('cases.attachments.removedDone', { name: a.fileName }));
                    }}
                  />
                )}
              </li>
            ),
          )}
        </ul>
      )}
      {canHandle && limits && (
        <div className="attachment-upload">
          <input
            id={inputId}
            className="visually-hidden attachment-input"
            type="file"
            multiple
            accept={`${limits.types.join(',')},${EXTENSIONS}`}
            disabled={sending !== undefined}
            onChange={attach}
            aria-describedby={`${inputId}-hint${error ? ` ${inputId}-error` : ''}`}
          />
          <label htmlFor={inputId} className="button button-secondary attachment-choose">
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
              <path d="M16 7l-7.5 7.5a2 2 0 0 0 2.8 2.8L19 9.6a4 4 0 0 0-5.7-5.7L5.6 11.6a6 6 0 0 0 8.5 8.5L20 14" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
            {t('cases.attachments.choose')}
          </label>
          <p id={`${inputId}-hint`} className="muted attachment-hint">
            {t('cases.attachments.hint', { maxSize: formatBytes(limits.maxBytes, language), max: limits.perComplaint })}
          </p>
          <div role="status" aria-live="polite">
            {sending && <p className="muted">{t('cases.attachments.uploading', { name: sending })}</p>}
          </div>
          <div role="alert">
            <FieldError id={`${inputId}-error`} reason={error} />
          </div>
        </div>
      )}
    </section>
  );
}

/** Why an attachment is removed: required, written to its record and the timeline. */
function RemoveForm({ attachment, remove, onRemoved }: { attachment: ComplaintAttachment; remove: (reason: string) => Promise<unknown>; onRemoved: () => void }) {
  const t = useT();
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t('cases.form.required'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await remove(reason.trim());
      onRemoved();
    } catch (caught) {
      setError(caseErrorMessage(caught, t, 'cases.attachments.removeFailed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="attachment-remove" onSubmit={submit} noValidate aria-label={t('cases.attachments.removeLabel', { name: attachment.fileName })}>
      <div className="field">
        <label htmlFor={id}>{t('cases.attachments.removeWhy')}</label>
        <textarea
          id={id}
          rows={2}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <FieldError id={`${id}-error`} reason={error} />
      </div>
      <button type="submit" className="button button-secondary" disabled={busy}>
        {busy ? t('cases.form.sending') : t('cases.attachments.removeConfirm')}
      </button>
    </form>
  );
}
