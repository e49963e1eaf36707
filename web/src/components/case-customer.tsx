import type { CustomerCard } from '../types.js';
import type { Loaded } from '../use-load.js';
import { ContactPoints } from './contact-points.js';
import { CustomerAccounts } from './customer-accounts.js';
import { CustomerIdentity } from './customer-identity.js';
import { LastSurvey } from './last-survey.js';
import { LoadState } from './load-state.js';
import { Timeline } from './timeline.js';

/** The customer of a case as the card shows them: who they are, their lines and numbers, their last survey and their contacts. */
export function CaseCustomer({ loaded, reasonLabels }: { loaded: Loaded<CustomerCard>; reasonLabels: ReadonlyMap<string, string> }) {
  const card = loaded.data;
  if (!card) return <LoadState loaded={loaded} failed="card.failed" />;
  return (
    <div className="case-customer">
      <CustomerIdentity card={card} />
      <LastSurvey survey={card.lastSurvey} />
      <Timeline key={`${card.customer.id}:${card.interactions[0]?.id ?? ''}`} customerId={card.customer.id} initial={card.interactions} reasonLabels={reasonLabels} survey={card.lastSurvey} />
      <CustomerAccounts accounts={card.accounts} />
      <ContactPoints points={card.contactPoints} />
    </div>
  );
}
