import type { Ref } from 'react';
import { useT } from '../i18n/index.js';
import type { CustomerCard, User } from '../types.js';
import { useCustomerCases } from '../use-customer-cases.js';
import { linkTo, type Route } from '../use-route.js';
import { ConsentsPanel } from './consents-panel.js';
import { ContactPoints } from './contact-points.js';
import { CustomerAccounts } from './customer-accounts.js';
import { CustomerConsumption } from './line-consumption.js';
import { CustomerPlansAndDevices } from './line-plans.js';
import { CustomerCases } from './customer-cases.js';
import { CustomerIdentity } from './customer-identity.js';
import { CustomerRecurrences } from './customer-recurrences.js';
import { LastSurvey } from './last-survey.js';
import type { CallContext } from './log-contact-form.js';
import { CallReasons } from './call-reasons.js';
import { Timeline } from './timeline.js';

/** Shows the contact the last survey rates, in the history. */
function showSurveyedContact(interactionId: string) {
  const item = document.querySelector<HTMLElement>(`.timeline-item[data-interaction-id="${CSS.escape(interactionId)}"] article`);
  item?.scrollIntoView({ block: 'center', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  item?.focus({ preventScroll: true });
}

/**
 * The customer's card on the console, in the order a call needs it: who (identity), why they may be
 * calling, the history, then the details (last survey, open complaints and follow-ups, recurring
 * causes, accounts, contact points, consents). The log form is beside it, in the console's right
 * column (console-page.tsx). Calling a customer back for a case, a link leads back to the case.
 */
export function CustomerCardView({
  card,
  version,
  user,
  headingRef,
  call,
  callBack,
  reasonLabels,
  navigate,
}: {
  card: CustomerCard;
  /** bumped when the card is reloaded: the history starts again from its first page */
  version: number;
  user: User;
  headingRef: Ref<HTMLHeadingElement>;
  call: CallContext | undefined;
  /** the case this customer is being called back for */
  callBack: Extract<Route, { page: 'case' }> | undefined;
  reasonLabels: ReadonlyMap<string, string>;
  navigate: (route: Route) => void;
}) {
  const t = useT();
  const can = (ability: string) => user.abilities.includes(ability);
  const lastSurvey = card.lastSurvey;
  const surveyedInHistory = lastSurvey !== null && card.interactions.some((i) => i.id === lastSurvey.interactionId);
  const readsCases = can('complaint.read') || can('followup.read') || can('complaint.create');
  const cases = useCustomerCases(card.customer.id, user);
  return (
    <div className="card-layout">
      <div className="card-identity">
        {callBack && (
          <p className="notice notice-info call-back">
            <span>{t('cases.callBack.notice')}</span> <a {...linkTo(callBack, navigate)}>{t('cases.callBack.back')}</a>
          </p>
        )}
        <CustomerIdentity card={card} headingRef={headingRef} repeatWarning={false} />
        <CallReasons key={card.customer.id} card={card} cases={cases} user={user} reasonLabels={reasonLabels} navigate={navigate} />
      </div>
      <div className="card-timeline">
        <Timeline key={`${card.customer.id}:${version}`} customerId={card.customer.id} initial={card.interactions} reasonLabels={reasonLabels} survey={lastSurvey} canListen={can('recording.play')} />
      </div>
      <div className="card-details">
        <LastSurvey survey={lastSurvey} onShowContact={surveyedInHistory && lastSurvey ? () => showSurveyedContact(lastSurvey.interactionId) : undefined} />
        {readsCases && <CustomerCases key={card.customer.id} card={card} cases={cases} user={user} inCall={call !== undefined} navigate={navigate} />}
        {can('customer.read') && <CustomerRecurrences key={card.customer.id} customerId={card.customer.id} abilities={user.abilities} navigate={navigate} />}
        {can('usage.read') && <CustomerConsumption key={card.customer.id} accounts={card.accounts} />}
        <CustomerPlansAndDevices key={`plans-${card.customer.id}`} customerId={card.customer.id} accounts={card.accounts} readsPlans={can('plan.history')} readsDevices={can('device.read')} />
        <CustomerAccounts accounts={card.accounts} />
        <ContactPoints points={card.contactPoints} />
        {can('consent.read') && <ConsentsPanel key={card.customer.id} customerId={card.customer.id} canChange={can('consent.change')} optOuts={card.optOuts} />}
      </div>
    </div>
  );
}
