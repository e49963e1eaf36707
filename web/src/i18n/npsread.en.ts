import type { NpsreadMessages } from './npsread.fr.js';

export const npsreadEn: NpsreadMessages = {
  running: "in progress",
  runningTitle: "Period in progress: its figures will still move (contacts to come, answers to the last three days).",
  lastComplete: "Last complete period",
  runningBeside: "In progress: {{period}}",
  noComplete: "No complete period in the range: the period shown is in progress.",
  legendRunning: "Period in progress (provisional figure)",
  composition: {
    title: "What the figure is made of",
    scope: "Period",
    range: "Whole range",
    shares: "Promoters, passives and detractors ({{period}}, n = {{n}})",
    promoters: "Promoters",
    passives: "Passives",
    detractors: "Detractors",
    share: "{{label}}: {{pct}} ({{count}})",
    distribution: "Distribution of the scores ({{period}})",
    score: "Score",
    responses: "Responses",
    scoreBar: "Score {{score}}: {{count}} responses",
    empty: "No response in this period.",
  },
  compare: {
    label: "Compare by",
    none: "No comparison",
    team: "Team: one line per team",
    site: "Site: one line per site",
    group: "Group",
    failed: "The comparison could not be loaded.",
  },
  filters: {
    item: "{{dimension}}: {{value}}",
    summary: "Filters",
    none: "no filter",
    more: "Filters by dimension",
  },
};
