import type { ReactNode } from 'react';
import { formatDateTime } from '../format.js';
import { useLanguage, useT, type MessageKey } from '../i18n/index.js';
import type { Cause, ComplaintCategory, FollowupDetail } from '../types.js';
import { categoryLabel, codedCause } from '../use-case-references.js';
import { linkTo, type Route } from '../use-route.js';

/** One fact of a case: its label and value, left out when there is no value. */
export function Fact({ label, children }: { label: MessageKey; children: ReactNode }) {
  const t = useT();
  if (children === null || children === undefined || children === '') return null;
  return (
    <div>
      <dt>{t(label)}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * What a follow-up carries: the answer (score, comment, the words that made it hot), the contact it
 * rates, who holds it and why them, its deadline and attempts, and once closed its outcome.
 */
export function FollowupFacts({
  followup: f,
  categories,
  causes,
  reasonLabels,
  navigate,
}: {
  followup: FollowupDetail;
  categories: ComplaintCategory[] | undefined;
  causes: Cause[] | undefined;
  reasonLabels: ReadonlyMap<string, string>;
  navigate: (route: Route) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const when = (iso: string | null) => (iso ? <time dateTime={iso}>{formatDateTime(iso, language)}</time> : null);
  const contact = f.contact;
  return (
    <section className="panel case-facts" aria-labelledby="case-answer-title">
      <h2 id="case-answer-title">{t('cases.followup.answer')}</h2>
      <div className="case-answer">
        <span className="badge badge-score badge-score-detractor">{t('lastSurvey.score', { score: f.answer.score, min: f.answer.scale.min, max: f.answer.scale.max })}</span>
        {f.answer.comment ? (
          <blockquote className="survey-comment" dir="auto">
            {f.answer.comment}
          </blockquote>
        ) : (
          <p className="muted">{t('lastSurvey.noComment')}</p>
        )}
      </div>
      <dl className="facts case-facts-list">
        <Fact label="cases.detail.receivedAt">{when(f.answer.receivedAt)}</Fact>
        <Fact label="cases.detail.hotReasons">{f.hotReasons.map((r) => t(`cases.hotReasons.${r}`)).join(', ')}</Fact>
        <Fact label="cases.detail.hotWords">{f.hotKeywords.map((w) => t('cases.quoted', { text: w })).join(' ')}</Fact>
        <Fact label="cases.followup.contact">
          {t(`channels.${contact.channel}`)} · {formatDateTime(contact.startedAt, language)}
          {contact.reasonCode ? ` · ${reasonLabels.get(contact.reasonCode) ?? contact.reasonCode}` : ''}
          {contact.advisor?.name ? ` · ${contact.advisor.name}` : ''}
          {contact.repeatOf ? ` · ${t('cases.followup.repeat')}` : ''}
        </Fact>
        <Fact label="cases.detail.team">{f.team?.name}</Fact>
        <Fact label="cases.columns.assignee">{f.assignee ? (f.assignee.name ?? t('cases.someoneElse')) : t('cases.unassigned')}</Fact>
        <Fact label="cases.detail.routedBy">{t(`cases.routedBy.${f.routedBy}`)}</Fact>
        <Fact label="cases.detail.openedAt">{when(f.openedAt)}</Fact>
        <Fact label="cases.followup.deadlineAt">{when(f.deadlineAt)}</Fact>
        <Fact label="cases.followup.attempts">
          {t('cases.followup.attemptsValue', { count: f.attempts, notReached: f.notReached, limit: f.unreachableAfter })}
        </Fact>
        <Fact label="cases.followup.reachedAt">{when(f.reachedAt)}</Fact>
        <Fact label="cases.detail.resolution">{f.resolution ? t(`cases.resolutions.${f.resolution}`) : null}</Fact>
        <Fact label="cases.fields.cause">{f.outcome.cause}</Fact>
        <Fact label="cases.fields.causeCategory">{f.outcome.causeCategory ? categoryLabel(categories, f.outcome.causeCategory) : null}</Fact>
        <Fact label="cases.fields.causeCode">{f.rootCause ? codedCause(f.rootCause, causes, t) : null}</Fact>
        <Fact label="cases.fields.actionTaken">{f.outcome.actionTaken}</Fact>
        <Fact label="cases.followup.complaint">
          {f.outcome.complaintId ? <a {...linkTo({ page: 'case', kind: 'complaint', id: f.outcome.complaintId }, navigate)}>{t('cases.detail.openComplaint')}</a> : null}
        </Fact>
        <Fact label="cases.detail.escalatedTo">
          {f.escalatedAt ? `${f.escalatedTo ? (f.escalatedTo.name ?? t('cases.someoneElse')) : t('cases.cxManagers')} · ${formatDateTime(f.escalatedAt, language)}` : null}
        </Fact>
      </dl>
    </section>
  );
}
