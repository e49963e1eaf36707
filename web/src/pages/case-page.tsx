import { useEffect, useRef, useState } from 'react';
import { api } from '../api.js';
import { casesApi } from '../api-cases.js';
import { caseErrorMessage } from '../case-errors.js';
import type { CaseKind } from '../cases.js';
import { DeadlineBadge, HotBadge, StateBadge } from '../components/case-badges.js';
import { CaseActions } from '../components/case-actions.js';
import { COMPLAINT_SPECS, complaintInput, FOLLOWUP_SPECS, followupInput, type Draft } from '../components/case-action-specs.js';
import type { ActionContext } from '../components/case-action-form.js';
import { CaseCommentForm } from '../components/case-comment-form.js';
import { CaseCustomer } from '../components/case-customer.js';
import { CaseTimeline } from '../components/case-timeline.js';
import { ComplaintAttachments } from '../components/complaint-attachments.js';
import { ComplaintFacts } from '../components/complaint-facts.js';
import { FollowupFacts } from '../components/followup-facts.js';
import { formatDateTime } from '../format.js';
import { useLanguage, useT, type MessageKey } from '../i18n/index.js';
import type { ComplaintDetail, ComplaintEvent, FollowupDetail, FollowupEvent, ReaderTeam, User } from '../types.js';
import { useCauses, useComplaintCategories } from '../use-case-references.js';
import { useLoad } from '../use-load.js';
import { linkTo, type Route } from '../use-route.js';

type Loaded = { kind: 'complaint'; detail: ComplaintDetail; events: ComplaintEvent[] } | { kind: 'followup'; detail: FollowupDetail; events: FollowupEvent[] };

async function loadCase(kind: CaseKind, id: string): Promise<Loaded> {
  if (kind === 'complaint') {
    const [detail, timeline] = await Promise.all([casesApi.complaint(id), casesApi.complaintTimeline(id)]);
    return { kind, detail, events: timeline.items };
  }
  const [detail, timeline] = await Promise.all([casesApi.followup(id), casesApi.followupTimeline(id)]);
  return { kind, detail, events: timeline.items };
}

/**
 * A case (`/cases/<kind>/<id>`): what it is, the actions its state allows with the fields they need,
 * its timeline and comments, beside the customer's card and contact history. For a follow-up, "call
 * the customer" opens their card on the console, where the call is logged.
 */
export function CasePage({
  kind,
  id,
  user,
  team,
  reasonLabels,
  refreshKey,
  navigate,
  onCallCustomer,
}: {
  kind: CaseKind;
  id: string;
  user: User;
  team: ReaderTeam | undefined;
  reasonLabels: ReadonlyMap<string, string>;
  refreshKey: number;
  navigate: (route: Route) => void;
  onCallCustomer: (customerId: string) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const can = (ability: string) => user.abilities.includes(ability);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | undefined>();
  const loaded = useLoad(`${kind}:${id}:${version}:${refreshKey}`, () => loadCase(kind, id));
  const data = loaded.data && loaded.data.detail.id === id ? loaded.data : undefined;
  const customerId = data?.detail.customer.id;
  const card = useLoad(customerId ? `${customerId}:${version}` : null, () => api.card(customerId!));
  const categories = useComplaintCategories(true);
  const causes = useCauses(true);
  const mayHandle = can(`${kind}.handle`);
  const suggestions = useLoad(mayHandle ? `${kind}:${id}:suggestions:${version}` : null, () => casesApi.causeSuggestions(kind, id));
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (data && version === 0) headingRef.current?.focus();
  }, [data?.detail.id]);

  const backLink = (
    <p className="case-back">
      <a {...linkTo({ page: 'cases', query: `kind=${kind}` }, navigate)}>{t('cases.back')}</a>
    </p>
  );
  if (!data) {
    return (
      <div className="case-page">
        {backLink}
        {loaded.error !== undefined ? (
          <p className="notice notice-error" role="alert">
            {caseErrorMessage(loaded.error, t, 'cases.failed')}
          </p>
        ) : (
          <p className="muted">{t('app.loading')}</p>
        )}
      </div>
    );
  }

  const detail = data.detail;
  const mayAssign = can(`${kind}.assign`);
  // The server lists what the state allows; pausing a paused clock (or resuming a running one) would be refused.
  const allowed = can(`${kind}.handle`)
    ? detail.actions.filter(
        (action) =>
          (action !== 'assign' || mayAssign || kind === 'complaint') && (action !== 'transfer' || mayAssign) && !(action === 'pause' && detail.paused) && !(action === 'resume' && !detail.paused),
      )
    : [];
  const reached = data.kind === 'followup' && data.detail.reachedAt !== null;
  const coded = data.kind === 'complaint' ? data.detail.cause : data.detail.rootCause;
  const suggested = (suggestions.data?.items ?? []).map((s) => s.code);
  const context: ActionContext = {
    categories,
    assignees: mayAssign
      ? (team?.members ?? []).map((m) => ({ id: m.id, name: m.id === user.id ? `${m.displayName} (${t('cases.me')})` : m.displayName }))
      : [{ id: user.id, name: t('cases.me') }],
    toTeam: mayAssign,
    teams: (team?.teams ?? []).filter((other) => other.id !== detail.teamId),
    contacts: (card.data?.interactions ?? []).map((i) => ({
      id: i.id,
      label: `${formatDateTime(i.startedAt, language)} · ${t(`channels.${i.channel}`)}${i.reason ? ` · ${reasonLabels.get(i.reason.code) ?? i.reason.label}` : ''}`,
    })),
    alsoRequired: [...(reached ? (['cause'] as const) : []), ...(data.kind === 'complaint' && !data.detail.cause ? (['causeCode'] as const) : [])],
    initial: {
      ...(data.kind === 'complaint' ? { edit: { description: data.detail.description, category: data.detail.category } } : {}),
      ...(coded ? { close: { causeCode: coded.code, unknownReason: coded.unknownReason ?? '' }, 'code-cause': { causeCode: coded.code, unknownReason: coded.unknownReason ?? '' } } : {}),
    },
    causes,
    suggestions: suggestions.data?.items ?? [],
    hint:
      data.kind === 'followup' && !reached
        ? t('cases.followup.closeUnreached', { notReached: data.detail.notReached, limit: data.detail.unreachableAfter })
        : undefined,
  };

  async function run(action: string, draft: Draft): Promise<string> {
    if (kind === 'complaint') {
      await casesApi.complaintAction(id, action, complaintInput(draft, detail.version, suggested));
    } else {
      const done = await casesApi.followupAction(id, action, followupInput(draft, detail.version, suggested));
      if (done.complaintId) return t('cases.done.becameComplaint');
    }
    // Transferred out of the reader's team: it is another team's now, back to the queue.
    if (action === 'transfer' && team?.team) navigate({ page: 'cases', query: `kind=${kind}` });
    return t('cases.done.action', { action: t(`cases.actions.${action}` as MessageKey) });
  }
  const reload = (message?: string) => {
    setNotice(message);
    setVersion((n) => n + 1);
  };

  return (
    <div className="case-page">
      {backLink}
      <div className="case-head">
        <div className="case-title">
          <h1 ref={headingRef} tabIndex={-1}>
            {data.kind === 'complaint' ? t('cases.complaint.title', { reference: data.detail.reference }) : t('cases.followup.title')}
          </h1>
          <p className="case-customer-line">
            <strong>{detail.customer.name}</strong> <span className="muted">{detail.customer.customerNumber}</span>
          </p>
          <div className="case-badges">
            <StateBadge state={detail.state} />
            {detail.hot && <HotBadge />}
            <DeadlineBadge dueAt={detail.dueAt} deadline={detail.deadline} paused={detail.paused} />
          </div>
        </div>
        {data.kind === 'followup' && can('customer.read') && (
          <button type="button" className="button button-primary case-call" onClick={() => onCallCustomer(detail.customer.id)}>
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
              <path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
            </svg>
            {t('cases.followup.call')}
          </button>
        )}
      </div>
      <div role="status" aria-live="polite">
        {notice && <p className="notice notice-success">{notice}</p>}
      </div>
      <div className="case-layout">
        <div className="case-main">
          {data.kind === 'complaint' ? (
            <>
              <ComplaintFacts complaint={data.detail} categories={categories} causes={causes} />
              <ComplaintAttachments complaintId={id} refreshKey={version + refreshKey} canHandle={can('complaint.handle')} onChanged={reload} />
            </>
          ) : (
            <FollowupFacts followup={data.detail} categories={categories} causes={causes} reasonLabels={reasonLabels} navigate={navigate} />
          )}
          <CaseActions
            key={`${detail.id}:${detail.version}`}
            specs={kind === 'complaint' ? COMPLAINT_SPECS : FOLLOWUP_SPECS}
            allowed={allowed}
            context={context}
            run={run}
            onDone={reload}
          />
          <CaseTimeline events={data.events} userId={user.id} team={team} categories={categories} causes={causes} navigate={navigate}>
            {can(`${kind}.handle`) && (
              <CaseCommentForm
                send={(text) => (kind === 'complaint' ? casesApi.complaintComment(id, text) : casesApi.followupAction(id, 'comment', { reason: text }))}
                onSent={() => reload(t('cases.done.comment'))}
              />
            )}
          </CaseTimeline>
        </div>
        <aside className="case-side" aria-label={t('cases.customerHistory')}>
          <CaseCustomer loaded={card} reasonLabels={reasonLabels} />
        </aside>
      </div>
    </div>
  );
}
