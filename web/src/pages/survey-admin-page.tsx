import { useEffect, useRef } from 'react';
import { OptOutList } from '../components/opt-out-list.js';
import { SmsMessageLog } from '../components/sms-message-log.js';
import { SurveyDecisions } from '../components/survey-decisions.js';
import { SurveyDefinitions } from '../components/survey-definitions.js';
import { SurveyRulesForm } from '../components/survey-rules-form.js';
import { useT, type MessageKey } from '../i18n/index.js';
import { linkTo, SURVEY_SECTIONS, type Route, type SurveySection } from '../use-route.js';

const SECTION_LABELS: Record<SurveySection, MessageKey> = {
  rules: 'surveys.rules',
  definitions: 'surveys.definitions',
  messages: 'surveys.messages',
  decisions: 'surveys.decisions',
  'opt-outs': 'surveys.optOuts',
};

/** Satisfaction surveys for team leads, coaches, CX managers and admins: rules, questionnaires, SMS log, decisions, opt-outs. */
export function SurveyAdminPage({
  section,
  canEdit,
  navigate,
}: {
  section: SurveySection;
  canEdit: boolean;
  navigate: (route: Route) => void;
}) {
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <div className="page survey-admin">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('surveys.title')}
        </h1>
        {!canEdit && (
          <p className="notice notice-info" role="note">
            {t('surveys.readOnly')}
          </p>
        )}
      </div>
      <nav className="sub-nav" aria-label={t('surveys.sections')}>
        <ul>
          {SURVEY_SECTIONS.map((s) => (
            <li key={s}>
              <a {...linkTo({ page: 'surveys', section: s }, navigate)} aria-current={s === section ? 'page' : undefined}>
                {t(SECTION_LABELS[s])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="survey-section" key={section}>
        {section === 'rules' && <SurveyRulesForm canEdit={canEdit} />}
        {section === 'definitions' && <SurveyDefinitions canEdit={canEdit} />}
        {section === 'messages' && <SmsMessageLog />}
        {section === 'decisions' && <SurveyDecisions />}
        {section === 'opt-outs' && <OptOutList />}
      </div>
    </div>
  );
}
