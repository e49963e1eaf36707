import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/index.js';
import { linkTo, type Route } from '../use-route.js';

/** The head of an administration page: the way back to the index, its title (focused when the page opens) and what it is for. */
export function AdminHead({ title, intro, navigate }: { title: string; intro: string; navigate: (route: Route) => void }) {
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="page-head admin-head">
      <nav aria-label={t('adminpages.back')} className="admin-crumbs">
        <a {...linkTo({ page: 'admin' }, navigate)}>{t('adminpages.back')}</a>
      </nav>
      <h1 ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      <p className="muted admin-intro">{intro}</p>
    </div>
  );
}

/**
 * A confirmation asked in place (revoking a token, deleting a study): the question and two buttons,
 * the confirming one focused; Escape cancels.
 */
export function ConfirmBox({ id, question, confirm, onConfirm, onCancel, busy }: {
  id: string;
  question: string;
  confirm: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const t = useT();
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <div
      className="notice notice-warning admin-confirm"
      role="alertdialog"
      aria-labelledby={`${id}-question`}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
    >
      <p id={`${id}-question`}>{question}</p>
      <div className="form-actions">
        <button ref={confirmRef} type="button" className="button button-primary admin-danger" onClick={onConfirm} disabled={busy} aria-busy={busy}>
          {confirm}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('adminpages.form.cancel')}
        </button>
      </div>
    </div>
  );
}

/** Gives the focus back to the element of `id` once the page has re-rendered (the row's button, after a cancelled form or confirmation). */
export function refocus(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** What the last action did or why it failed, read out when it changes. */
export function ActionNotice({ notice }: { notice: { kind: 'success' | 'error'; text: string } | undefined }): ReactNode {
  return (
    <div aria-live="polite" className="admin-notice">
      {notice && (
        <p className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
    </div>
  );
}
