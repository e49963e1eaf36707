import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog of the administration (a confirmation, a password shown once): focus moves into it,
 * Escape or the cancel button closes it, and focus returns where it was.
 */
export function AdminDialog({ title, children, onClose }: { title: string; children: (titleId: string) => ReactNode; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.current?.open) dialog.current?.showModal();
    return () => opener?.focus?.();
  }, []);
  return (
    <dialog ref={dialog} className="admin-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      {children(titleId)}
    </dialog>
  );
}
