import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/index.js';
import { QUALITY_PAGES, type QualitySection } from '../quality-nav.js';
import type { QualitySectionProps } from '../quality-section.js';
import type { User } from '../types.js';
import { linkTo, type Route } from '../use-route.js';
import { QualitySamplePage } from './quality-sample-page.js';
import { QualityAdvisorPage } from './quality-advisor-page.js';
import { QualityCalibrationPage } from './quality-calibration-page.js';
import { QualityCoachingPage } from './quality-coaching-page.js';
import { QualityEvaluationsPage } from './quality-evaluations-page.js';
import { QualityScorecardsPage } from './quality-scorecards-page.js';
import { QualityTrainingPage } from './quality-training-page.js';

type QualityRoute = Extract<Route, { page: 'quality' }>;


/**
 * The pages of each section, filled in by the section's own file. A section without a page yet is
 * left out of the bar and the index.
 */
const SECTION_PAGES: Partial<Record<QualitySection, (props: QualitySectionProps) => ReactNode>> = {
  sample: QualitySamplePage,
  evaluations: QualityEvaluationsPage,
  scorecards: QualityScorecardsPage,
  calibration: QualityCalibrationPage,
  coaching: QualityCoachingPage,
  training: QualityTrainingPage,
  advisor: QualityAdvisorPage,
};

/** Quality and coaching (docs/quality.md): the sections the reader may open, and the one open. */
export function QualityPage({ route, user, navigate }: { route: QualityRoute; user: User; navigate: (route: Route, options?: { replace?: boolean }) => void }) {
  const t = useT();
  const pages = QUALITY_PAGES.filter((p) => SECTION_PAGES[p.section] && p.abilities.some((a) => user.abilities.includes(a)));
  const open = pages.find((p) => p.section === route.section);
  const Section = open ? SECTION_PAGES[open.section] : undefined;
  return (
    <div className="quality-page">
      {pages.length > 1 && (
        <nav className="quality-sections" aria-label={t('quality.sectionsLabel')}>
          <ul>
            {pages.map((p) => (
              <li key={p.section}>
                <a {...linkTo({ page: 'quality', section: p.section, query: '' }, navigate)} aria-current={p.section === open?.section ? 'page' : undefined}>
                  {t(p.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {Section ? <Section user={user} id={route.id} query={route.query} navigate={navigate} /> : <QualityIndex pages={pages} navigate={navigate} />}
    </div>
  );
}

function QualityIndex({ pages, navigate }: { pages: typeof QUALITY_PAGES; navigate: (route: Route) => void }) {
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="admin-index">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('quality.title')}
        </h1>
        <p className="muted admin-intro">{t('quality.intro')}</p>
      </div>
      {pages.length === 0 ? (
        <p className="muted">{t('quality.none')}</p>
      ) : (
        <ul className="admin-cards">
          {pages.map((p) => (
            <li key={p.section} className="panel admin-card">
              <a {...linkTo({ page: 'quality', section: p.section, query: '' }, navigate)} aria-describedby={`quality-hint-${p.section}`}>
                {t(p.label)}
              </a>
              <p id={`quality-hint-${p.section}`} className="muted">
                {t(p.hint)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
