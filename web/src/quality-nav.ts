import type { MessageKey } from './i18n/index.js';

/** The sections of the quality pages (docs/quality.md), in the order of the index and the section bar. */
export const QUALITY_SECTIONS = ['sample', 'evaluations', 'scorecards', 'calibration', 'coaching', 'training', 'advisor'] as const;
export type QualitySection = (typeof QUALITY_SECTIONS)[number];

/** Each section: its name, what it is for, and the abilities that open it (any one). */
export const QUALITY_PAGES: readonly { section: QualitySection; label: MessageKey; hint: MessageKey; abilities: readonly string[] }[] = [
  { section: 'sample', label: 'quality.sections.sample', hint: 'quality.hints.sample', abilities: ['quality.sample'] },
  { section: 'evaluations', label: 'quality.sections.evaluations', hint: 'quality.hints.evaluations', abilities: ['quality.read'] },
  { section: 'scorecards', label: 'quality.sections.scorecards', hint: 'quality.hints.scorecards', abilities: ['scorecard.manage'] },
  { section: 'calibration', label: 'quality.sections.calibration', hint: 'quality.hints.calibration', abilities: ['calibration.manage', 'calibration.score'] },
  { section: 'coaching', label: 'quality.sections.coaching', hint: 'quality.hints.coaching', abilities: ['coaching.read'] },
  { section: 'training', label: 'quality.sections.training', hint: 'quality.hints.training', abilities: ['training.read'] },
  { section: 'advisor', label: 'quality.sections.advisor', hint: 'quality.hints.advisor', abilities: ['quality.figures'] },
];

/** Every ability that opens at least one quality section: the header shows the link to whoever has one. */
export const QUALITY_ABILITIES: readonly string[] = [...new Set(QUALITY_PAGES.flatMap((p) => p.abilities))];
