import { useId } from 'react';
import { formatPhone } from '../format.js';
import { useT } from '../i18n/index.js';
import type { CustomerCard } from '../types.js';

export function ContactPoints({ points }: { points: CustomerCard['contactPoints'] }) {
  const t = useT();
  // unique: the same panel may be on the console and on a case page at once
  const titleId = useId();
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('card.contactPoints')}</h3>
      {points.length === 0 ? (
        <p className="empty">{t('card.noContactPoints')}</p>
      ) : (
        <ul className="contact-points">
          {points.map((point) => (
            <li key={`${point.kind}:${point.value}`}>
              <span className="contact-kind">{t(`contactKinds.${point.kind}`)}</span>
              <span className="contact-value">
                {point.kind === 'email' ? (
                  <a href={`mailto:${point.value}`}>{point.value}</a>
                ) : (
                  <span className="phone">{formatPhone(point.value)}</span>
                )}
                {point.primary && <span className="badge badge-quiet">{t('card.primary')}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
