import { useState } from 'react';
import { formatDateTime } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { ComplaintDetail, CustomerCard, User } from '../types.js';
import { categoryLabel, useComplaintCategories } from '../use-case-references.js';
import type { CustomerCasesLoad } from '../use-customer-cases.js';
import { linkTo, type Route } from '../use-route.js';
import { DeadlineBadge, HotBadge, StateBadge } from './case-badges.js';
import { ComplaintIntakeForm } from './complaint-intake-form.js';
import { LoadState } from './load-state.js';

/**
 * On the customer's card: their open complaints and follow-ups (those the reader may see), each a
 * link to its case, and the button that records a new complaint during the contact.
 */
export function CustomerCases({ card, cases, user, inCall, navigate }: {
  card: CustomerCard;
  cases: CustomerCasesLoad;
  user: User;
  inCall: boolean;
  navigate: (route: Route) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const can = (ability: string) => user.abilities.includes(ability);
  const [intake, setIntake] = useState(false);
  const [created, setCreated] = useState<ComplaintDetail | undefined>();
  const categories = useComplaintCategories(can('complaint.read'));
  const { loaded } = cases;
  const data = loaded.data;
  const count = (data?.complaints.length ?? 0) + (data?.followups.length ?? 0);

  return (
    <section className="panel customer-cases" aria-labelledby="customer-cases-title">
      <div className="panel-head">
        <h3 id="customer-cases-title">{t('cases.card.title')}</h3>
        {can('complaint.create') && !intake && (
          <button type="button" className="button button-secondary button-small" onClick={() => { setIntake(true); setCreated(undefined); }}>
            {t('cases.card.newComplaint')}
          </button>
        )}
      </div>
      <div role="status" aria-live="polite">
        {created && (
          <p className="notice notice-success">
            {t('cases.intake.created', { reference: created.reference, date: formatDateTime(created.ackDueAt, language) })}{' '}
            <a {...linkTo({ page: 'case', kind: 'complaint', id: created.id }, navigate)}>{t('cases.card.open')}</a>
          </p>
        )}
      </div>
      {intake && (
        <ComplaintIntakeForm
          card={card}
          channel={inCall ? 'phone' : undefined}
          onCreated={(complaint) => {
            setIntake(false);
            setCreated(complaint);
            cases.reload();
          }}
          onCancel={() => setIntake(false)}
        />
      )}
      <LoadState loaded={loaded} empty={count === 0} emptyText={t('cases.card.none')} failed="cases.failed" />
      {data && count > 0 && (
        <ul className="customer-case-list">
          {data.complaints.map((c) => (
            <li key={c.id}>
              <a {...linkTo({ page: 'case', kind: 'complaint', id: c.id }, navigate)} className="customer-case-link">
                {c.reference}
              </a>
              <span className="muted"> · {categoryLabel(categories, c.category)}</span>
              <span className="customer-case-badges">
                <StateBadge state={c.state} />
                {c.hot && <HotBadge />}
                <DeadlineBadge dueAt={c.dueAt} deadline={c.deadline} paused={c.paused} />
              </span>
            </li>
          ))}
          {data.followups.map((f) => (
            <li key={f.id}>
              <a {...linkTo({ page: 'case', kind: 'followup', id: f.id }, navigate)} className="customer-case-link">
                {t('cases.card.followup', { score: f.score })}
              </a>
              <span className="muted"> · {formatDateTime(f.openedAt, language)}</span>
              <span className="customer-case-badges">
                <StateBadge state={f.state} />
                {f.hot && <HotBadge />}
                <DeadlineBadge dueAt={f.dueAt} deadline={f.deadline} paused={f.paused} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
