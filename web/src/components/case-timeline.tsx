import type { ReactNode } from 'react';
import { formatDateTime, formatEuros } from '../format.js';
import { useLanguage, useT, type MessageKey, type Translate } from '../i18n/index.js';
import type { Cause, ComplaintCategory, ComplaintEvent, FollowupEvent, ReaderTeam } from '../types.js';
import { categoryLabel, causeLabel, codedCause, personName } from '../use-case-references.js';
import { linkTo, type Route } from '../use-route.js';

type CaseEvent = ComplaintEvent | FollowupEvent;
/** Every key an event's data may carry, of either kind. */
type EventData = Partial<NonNullable<ComplaintEvent['data']> & NonNullable<FollowupEvent['data']>>;

const HOUR = 3_600_000;

/** Business time paused, "3 h 20 min". */
function duration(ms: number, t: Translate): string {
  const minutes = Math.round(ms / 60_000);
  return minutes >= 60 ? t('cases.duration.hours', { hours: Math.floor(ms / HOUR), minutes: minutes % 60 }) : t('cases.duration.minutes', { minutes });
}

/**
 * Every change of a case, oldest first: what was done, by whom, when, from which state to which, why,
 * and what else it recorded (who it went to, the outcome, a new deadline, the complaint it became).
 */
export function CaseTimeline({
  events,
  userId,
  team,
  categories,
  causes,
  navigate,
  children,
}: {
  events: CaseEvent[];
  userId: string;
  team: ReaderTeam | undefined;
  categories: ComplaintCategory[] | undefined;
  causes: Cause[] | undefined;
  navigate: (route: Route) => void;
  /** what follows the events: the comment form */
  children?: ReactNode;
}) {
  const t = useT();
  const language = useLanguage();
  const who = (id: string | null | undefined) =>
    id === null || id === undefined ? t('cases.unassigned') : id === userId ? t('cases.me') : (personName(team, id) ?? t('cases.someoneElse'));

  const details = (event: CaseEvent): ReactNode[] => {
    const data = (event.data ?? {}) as EventData;
    const out: ReactNode[] = [];
    const add = (label: MessageKey, value: ReactNode) => out.push(<span key={label}>{t('common.labelValue', { label: t(label), value: '' })}{value}</span>);
    if (data.reference) add('cases.detail.reference', data.reference);
    if (data.channel) add('cases.detail.channel', t(`channels.${data.channel}`));
    if (data.category) add('cases.fields.category', categoryLabel(categories, data.category));
    if (data.score !== undefined) add('cases.detail.score', String(data.score));
    if (data.hotReasons?.length) add('cases.detail.hotReasons', data.hotReasons.map((r) => t(`cases.hotReasons.${r}`)).join(', '));
    if (data.routedBy) add('cases.detail.routedBy', t(`cases.routedBy.${data.routedBy}`));
    if (data.reached !== undefined) out.push(<span key="reached">{t(data.reached ? 'cases.fields.reachedYes' : 'cases.fields.reachedNo')}</span>);
    if (data.resolution) add('cases.detail.resolution', t(`cases.resolutions.${data.resolution}`));
    if (data.cause) add('cases.fields.cause', data.cause);
    if (data.causeCategory) add('cases.fields.causeCategory', categoryLabel(categories, data.causeCategory));
    if (data.actionTaken) add('cases.fields.actionTaken', data.actionTaken);
    if (data.outcome) add('cases.fields.outcome', t(`cases.outcomes.${data.outcome}`));
    if (data.rootCause) add('cases.fields.rootCause', data.rootCause);
    if (data.refundCents !== undefined) add('cases.fields.refund', formatEuros(data.refundCents, language));
    if (data.causeCode) {
      const coded = codedCause({ code: data.causeCode, unknownReason: data.unknownReason ?? null }, causes, t);
      add('cases.fields.causeCode', data.previousCause ? `${coded} (${t('cases.causes.replaced', { cause: causeLabel(causes, data.previousCause) })})` : coded);
    }
    if (data.assigneeId !== undefined && event.action !== 'opened') add('cases.detail.to', who(data.assigneeId));
    if (data.level) add('cases.detail.escalatedTo', data.to ? who(data.to) : t('cases.cxManagers'));
    if (data.missedDueAt) add('cases.detail.missedDueAt', formatDateTime(data.missedDueAt, language));
    if (data.pausedMs) add('cases.detail.paused', duration(data.pausedMs, t));
    if (data.dueAt) add('cases.detail.newDueAt', formatDateTime(data.dueAt, language));
    if (data.edited?.category) add('cases.detail.categoryChanged', `${categoryLabel(categories, data.edited.category.from)} → ${categoryLabel(categories, data.edited.category.to)}`);
    if (data.edited?.description) add('cases.detail.descriptionChanged', data.edited.description.to);
    if (data.interactionId) out.push(<span key="contact">{t('cases.detail.contactLinked')}</span>);
    if (data.attachment) out.push(<span key="attachment" dir="auto">{data.attachment.fileName}</span>);
    if (data.complaintId) {
      out.push(
        <a key="complaint" {...linkTo({ page: 'case', kind: 'complaint', id: data.complaintId }, navigate)}>
          {t('cases.detail.openComplaint')}
        </a>,
      );
    }
    if (data.fromCase) {
      out.push(
        <a key="followup" {...linkTo({ page: 'case', kind: 'followup', id: data.fromCase }, navigate)}>
          {t('cases.detail.openFollowup')}
        </a>,
      );
    }
    return out;
  };

  return (
    <section className="panel case-timeline" aria-labelledby="case-timeline-title">
      <h2 id="case-timeline-title">{t('cases.timelineTitle')}</h2>
      <ol className="case-events">
        {events.map((event) => {
          const extra = details(event);
          const moved = event.fromState !== null && event.fromState !== event.toState;
          return (
            <li key={event.id} className={`case-event case-event-${event.action}`}>
              <div className="case-event-head">
                <strong>{t(`cases.events.${event.action}` as MessageKey)}</strong>
                {moved && (
                  <span className="case-event-states">
                    {t(`cases.states.${event.fromState}` as MessageKey)} <span aria-hidden="true">→</span>
                    <span className="visually-hidden"> {t('cases.to')} </span> {t(`cases.states.${event.toState}` as MessageKey)}
                  </span>
                )}
              </div>
              <p className="case-event-meta muted">
                {event.actor.kind === 'system' ? t('cases.system') : event.actor.kind === 'customer' ? t('cases.customerApp') : (event.actor.name ?? t('cases.someoneElse'))} ·{' '}
                <time dateTime={event.at}>{formatDateTime(event.at, language)}</time>
              </p>
              {event.reason && (
                <p className="case-event-reason" dir="auto">
                  {event.action === 'comment' ? event.reason : t('cases.why', { reason: event.reason })}
                </p>
              )}
              {extra.length > 0 && <p className="case-event-data">{extra.map((node, i) => [i > 0 ? ' · ' : null, node])}</p>}
            </li>
          );
        })}
      </ol>
      {children}
    </section>
  );
}
