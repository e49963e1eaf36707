import { useT } from '../i18n/index.js';
import type { FcrStatus } from '../types.js';

export function FcrBadge({ status }: { status: FcrStatus }) {
  const t = useT();
  return <span className={`badge badge-fcr badge-fcr-${status}`}>{t(`fcr.${status}`)}</span>;
}
