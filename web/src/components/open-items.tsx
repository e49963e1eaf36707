import { useT } from '../i18n/index.js';
import type { CustomerCard } from '../types.js';

export function OpenItems({ items }: { items: CustomerCard['openItems'] }) {
  const t = useT();
  const groups = [
    { key: 'complaints', label: t('card.complaints'), count: items.complaints.length },
    { key: 'followUps', label: t('card.followUps'), count: items.followUps.length },
    { key: 'surveys', label: t('card.surveys'), count: items.surveys.length },
  ];
  return (
    <section className="panel" aria-labelledby="open-title">
      <h3 id="open-title">{t('card.openItems')}</h3>
      <ul className="open-items">
        {groups.map((group) => (
          <li key={group.key}>
            <span>{group.label}</span>
            {group.count === 0 ? <span className="empty">{t('card.noneOpen')}</span> : <span className="badge badge-count">{group.count}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
