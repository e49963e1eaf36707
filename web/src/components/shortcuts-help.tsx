import { useEffect, useId, useRef } from 'react';
import { useT, type MessageKey } from '../i18n/index.js';

/** The console's keyboard shortcuts, as the help lists them (use-shortcuts.ts handles them). */
export const SHORTCUTS: readonly { keys: readonly string[]; label: MessageKey }[] = [
  { keys: ['/'], label: 'callscreen.shortcuts.search' },
  { keys: ['Alt', 'R'], label: 'callscreen.shortcuts.answer' },
  { keys: ['Ctrl', 'Entrée'], label: 'callscreen.shortcuts.save' },
  { keys: ['Alt', 'H'], label: 'callscreen.shortcuts.hangUp' },
  { keys: ['?'], label: 'callscreen.shortcuts.help' },
];

/** The help overlay: a modal dialog listing the shortcuts; Escape or the close button closes it and focus goes back where it was. */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  const keyName = (key: string) => (key === 'Entrée' ? t('callscreen.shortcuts.enter') : key);
  return (
    <dialog ref={dialog} className="shortcuts-help" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <h2 id={titleId}>{t('callscreen.shortcuts.title')}</h2>
      <p className="muted">{t('callscreen.shortcuts.intro')}</p>
      <dl className="shortcut-list">
        {SHORTCUTS.map((s) => (
          <div key={s.label}>
            <dt>
              {s.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && ' + '}
                  <kbd>{keyName(k)}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(s.label)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button button-secondary" onClick={onClose} autoFocus>
        {t('callscreen.shortcuts.close')}
      </button>
    </dialog>
  );
}
