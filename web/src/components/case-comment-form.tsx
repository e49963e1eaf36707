import { useId, useState, type FormEvent } from 'react';
import { caseErrorMessage } from '../case-errors.js';
import { useT } from '../i18n/index.js';
import { FieldError } from './field-error.js';

/** A comment on a case: an event of its timeline; the state does not change. */
export function CaseCommentForm({ send, onSent }: { send: (text: string) => Promise<unknown>; onSent: () => void }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setError(t('cases.form.required'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await send(text.trim());
      setText('');
      onSent();
    } catch (caught) {
      setError(caseErrorMessage(caught, t, 'cases.actionFailed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="case-comment" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id}>{t('cases.comment')}</label>
        <textarea
          id={id}
          rows={2}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <FieldError id={`${id}-error`} reason={error} />
      </div>
      <button type="submit" className="button button-secondary" disabled={busy}>
        {busy ? t('cases.form.sending') : t('cases.addComment')}
      </button>
    </form>
  );
}
