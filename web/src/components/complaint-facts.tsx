import { formatDateTime, formatEuros } from '../format.js';
import { useLanguage, useT, type MessageKey } from '../i18n/index.js';
import type { Cause, ComplaintCategory, ComplaintDetail } from '../types.js';
import { categoryLabel, codedCause } from '../use-case-references.js';
import { Fact } from './followup-facts.js';

/**
 * What a complaint holds: the customer's words, how and when it came, the money disputed, who holds
 * it, its two deadlines and when each step was taken, and how it was answered.
 */
export function ComplaintFacts({ complaint: c, categories, causes }: { complaint: ComplaintDetail; categories: ComplaintCategory[] | undefined; causes: Cause[] | undefined }) {
  const t = useT();
  const language = useLanguage();
  const when = (iso: string | null) => (iso ? <time dateTime={iso}>{formatDateTime(iso, language)}</time> : null);
  const hours = Math.round(c.pausedMs / 3_600_000);
  const satisfaction = (s: ComplaintDetail['satisfaction']) => {
    if (!s) return null;
    if (s.status === 'skipped') return t('cases.complaint.satisfactionSkipped', { reason: t(`cases.complaint.skipReasons.${s.skippedBecause ?? 'no-mobile'}` as MessageKey) });
    if (s.status === 'unparsed') return t('cases.complaint.satisfactionUnparsed');
    if (s.status === 'sent' || s.score === null) return <>{t('cases.complaint.satisfactionSent')} {when(s.sentAt)}</>;
    return (
      <>
        <strong>{t('cases.complaint.satisfactionScore', { score: s.score })}</strong>
        {s.comment ? (
          <>
            {' · '}
            <q dir="auto">{s.comment}</q>
          </>
        ) : null}
      </>
    );
  };
  return (
    <section className="panel case-facts" aria-labelledby="case-complaint-title">
      <h2 id="case-complaint-title">{t('cases.complaint.what')}</h2>
      <blockquote className="case-description" dir="auto">
        {c.description}
      </blockquote>
      <dl className="facts case-facts-list">
        <Fact label="cases.detail.channel">{t(`channels.${c.channel}`)}</Fact>
        <Fact label="cases.fields.category">{categoryLabel(categories, c.category)}</Fact>
        <Fact label="cases.complaint.receivedAt">{when(c.receivedAt)}</Fact>
        <Fact label="cases.complaint.amount">{c.amountDisputedCents === null ? null : formatEuros(c.amountDisputedCents, language)}</Fact>
        <Fact label="cases.complaint.segment">{t(`segments.${c.segment}`)}</Fact>
        <Fact label="cases.complaint.language">{t(`language.${c.language}` as MessageKey)}</Fact>
        <Fact label="cases.detail.team">{c.teamName}</Fact>
        <Fact label="cases.columns.assignee">{c.assigneeName ?? t('cases.unassigned')}</Fact>
        <Fact label="cases.complaint.ackDueAt">{when(c.ackDueAt)}</Fact>
        <Fact label="cases.complaint.acknowledgedAt">{when(c.acknowledgedAt)}</Fact>
        <Fact label="cases.complaint.answerDueAt">{when(c.answerDueAt)}</Fact>
        <Fact label="cases.complaint.answeredAt">{when(c.answeredAt)}</Fact>
        <Fact label="cases.fields.outcome">{c.outcome ? t(`cases.outcomes.${c.outcome}`) : null}</Fact>
        <Fact label="cases.fields.causeCode">{c.cause ? codedCause(c.cause, causes, t) : null}</Fact>
        <Fact label="cases.fields.rootCause">{c.rootCause}</Fact>
        <Fact label="cases.fields.refund">{c.refundCents === null ? null : formatEuros(c.refundCents, language)}</Fact>
        <Fact label="cases.complaint.rejectionReason">{c.rejectionReason}</Fact>
        <Fact label="cases.complaint.closedAt">{when(c.closedAt)}</Fact>
        <Fact label="cases.complaint.mediationInfoSentAt">{when(c.mediationInfoSentAt)}</Fact>
        <Fact label="cases.complaint.pausedFor">{hours > 0 ? t('cases.duration.hours', { hours, minutes: 0 }) : null}</Fact>
        <Fact label="cases.complaint.contacts">{c.contactIds.length > 0 ? String(c.contactIds.length) : null}</Fact>
        <Fact label="cases.complaint.satisfaction">{satisfaction(c.satisfaction)}</Fact>
      </dl>
    </section>
  );
}

