import { errorMessage } from '../error-message.js';
import { useT, type MessageKey } from '../i18n/index.js';
import type { Loaded } from '../use-load.js';

/**
 * What a panel says about its data: loading (the first time), the server's reason when it
 * failed, or that there is nothing to show.
 */
export function LoadState({
  loaded,
  empty = false,
  emptyText,
  failed = 'dashboard.failed',
}: {
  loaded: Loaded<unknown>;
  empty?: boolean;
  emptyText?: string;
  /** what to say when the server gave no reason */
  failed?: MessageKey;
}) {
  const t = useT();
  if (loaded.error !== undefined) {
    return (
      <p className="notice notice-error" role="alert">
        {errorMessage(loaded.error, t, failed)}
      </p>
    );
  }
  if (loaded.loading && loaded.data === undefined) return <p className="muted">{t('app.loading')}</p>;
  if (!loaded.loading && empty && emptyText) return <p className="empty">{emptyText}</p>;
  return null;
}
