import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Scorecards and evaluations (docs/quality.md): a scorecard's versions (draft, published, archived;
 * the content, sections and weighted criteria, as JSON frozen once published); evaluations of a
 * contact on one version, their answers per criterion, the items an advisor disputes and the
 * second evaluator's decisions, and every step as an event. The default scorecard is seeded,
 * published, its texts frozen here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('scorecards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('scorecard_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scorecard_id', 'text', (c) => c.notNull().references('scorecards.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'published', 'archived')`))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('published_at', ms)
    .addColumn('archived_at', ms)
    .addUniqueConstraint('scorecard_versions_number', ['scorecard_id', 'version'])
    .execute();

  await db.schema
    .createTable('evaluations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('interaction_id', 'text', (c) => c.notNull().references('interactions.id'))
    .addColumn('advisor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('team_id', 'text')
    .addColumn('evaluator_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('scorecard_version_id', 'text', (c) => c.notNull().references('scorecard_versions.id'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('coaching', 'calibration')`))
    .addColumn('sample_item_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'submitted', 'acknowledged', 'disputed', 'decided')`))
    .addColumn('score', 'double precision')
    .addColumn('raw_score', 'double precision')
    .addColumn('pass', 'integer', (c) => c.check(sql`pass in (0, 1)`))
    .addColumn('critical_failures', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('lost_points', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('strengths', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('improvements', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('markers', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addColumn('submitted_at', ms)
    .addColumn('dispute_until', ms)
    .addColumn('acknowledged_at', ms)
    .addColumn('disputed_at', ms)
    .addColumn('decided_at', ms)
    .addColumn('reviewer_id', 'text', (c) => c.references('users.id'))
    .execute();
  // an advisor's and a team's evaluations by time (the list, the quality figures)
  await db.schema.createIndex('evaluations_advisor').on('evaluations').columns(['advisor_id', 'created_at']).execute();
  await db.schema.createIndex('evaluations_team').on('evaluations').columns(['team_id', 'created_at']).execute();
  await db.schema.createIndex('evaluations_interaction').on('evaluations').columns(['interaction_id']).execute();

  await db.schema
    .createTable('evaluation_answers')
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('evaluations.id'))
    .addColumn('criterion_key', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull().check(sql`answer in ('yes', 'partial', 'no', 'na')`))
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('evaluation_answers_pk', ['evaluation_id', 'criterion_key'])
    .execute();
  await db.schema
    .createTable('evaluation_disputes')
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('evaluations.id'))
    .addColumn('criterion_key', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('proposed_answer', 'text', (c) => c.notNull().check(sql`proposed_answer in ('yes', 'partial', 'no', 'na')`))
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('keep', 'accept', 'set')`))
    .addColumn('decided_answer', 'text', (c) => c.check(sql`decided_answer in ('yes', 'partial', 'no', 'na')`))
    .addColumn('decision_comment', 'text')
    .addPrimaryKeyConstraint('evaluation_disputes_pk', ['evaluation_id', 'criterion_key'])
    .execute();
  await db.schema
    .createTable('evaluation_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('evaluations.id'))
    .addColumn('at', ms, (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('evaluation_events_evaluation').on('evaluation_events').columns(['evaluation_id', 'at']).execute();

  const at = Date.UTC(2026, 11, 29);
  await db.insertInto('scorecards').values({ id: DEFAULT_SCORECARD_ID, name: 'Appels — grille standard', created_at: at }).execute();
  await db
    .insertInto('scorecard_versions')
    .values({ id: DEFAULT_VERSION_ID, scorecard_id: DEFAULT_SCORECARD_ID, version: 1, state: 'published', content: JSON.stringify(DEFAULT_CONTENT), created_by: null, created_at: at, published_at: at, archived_at: null })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['evaluation_events', 'evaluation_disputes', 'evaluation_answers', 'evaluations', 'scorecard_versions', 'scorecards']) await db.schema.dropTable(table).execute();
}

const DEFAULT_SCORECARD_ID = '019b6a00-0000-7000-8000-00000000c001';
const DEFAULT_VERSION_ID = '019b6a00-0000-7000-8000-00000000c101';

const l = (fr: string, en: string, de: string) => ({ fr, en, de });
const DEFAULT_CONTENT = {
  passThreshold: 80,
  sections: [
    {
      key: 'welcome', kind: 'standard', labels: l('Accueil et identification', 'Welcome and identification', 'Begrüßung und Identifizierung'),
      criteria: [
        { key: 'greeting', labels: l('Salue, se présente, nomme Ecoute', 'Greets, introduces themselves', 'Begrüßt und stellt sich vor'), weight: 5, critical: false, allowNa: false },
        { key: 'identity-verified', labels: l('Vérifie l’identité avant toute information du compte', 'Verifies identity before any account information', 'Prüft die Identität vor jeder Kontoauskunft'), weight: 15, critical: true, allowNa: false },
      ],
    },
    {
      key: 'understanding', kind: 'standard', labels: l('Compréhension de la demande', 'Understanding the request', 'Verständnis des Anliegens'),
      criteria: [
        { key: 'needs', labels: l('Pose les questions utiles, écoute sans couper', 'Asks the right questions, listens without interrupting', 'Stellt die richtigen Fragen, hört zu'), weight: 15, critical: false, allowNa: false },
        { key: 'rephrasing', labels: l('Reformule la demande', 'Rephrases the request', 'Fasst das Anliegen zusammen'), weight: 10, critical: false, allowNa: true },
      ],
    },
    {
      key: 'solution', kind: 'standard', labels: l('Solution et information juste', 'Solution and correct information', 'Lösung und richtige Auskunft'),
      criteria: [
        { key: 'correct-information', labels: l('Donne une information juste et complète', 'Gives correct and complete information', 'Gibt richtige und vollständige Auskunft'), weight: 20, critical: true, allowNa: false },
        { key: 'resolution', labels: l('Résout la demande dans le contact ou dit quand et comment', 'Resolves the request in the contact or says when and how', 'Löst das Anliegen im Kontakt oder sagt wann und wie'), weight: 15, critical: false, allowNa: false },
      ],
    },
    {
      key: 'courtesy', kind: 'standard', labels: l('Courtoisie', 'Courtesy', 'Höflichkeit'),
      criteria: [
        { key: 'respect', labels: l('Reste courtois et respectueux', 'Stays courteous and respectful', 'Bleibt höflich und respektvoll'), weight: 5, critical: true, allowNa: false },
        { key: 'tone', labels: l('Ton, empathie, langage clair', 'Tone, empathy, clear language', 'Ton, Empathie, klare Sprache'), weight: 5, critical: false, allowNa: false },
      ],
    },
    {
      key: 'closing', kind: 'standard', labels: l('Clôture', 'Closing', 'Abschluss'),
      criteria: [
        { key: 'summary', labels: l('Résume ce qui est fait et ce qui suit', 'Summarises what was done and what follows', 'Fasst zusammen, was getan wurde und was folgt'), weight: 5, critical: false, allowNa: false },
        { key: 'logged', labels: l('Note le contact, son motif et sa résolution', 'Logs the contact, its reason and resolution', 'Erfasst Kontakt, Grund und Lösung'), weight: 5, critical: false, allowNa: false },
      ],
    },
    {
      key: 'bonus', kind: 'bonus', labels: l('Bonus', 'Bonus', 'Bonus'),
      criteria: [
        { key: 'proactive-offer', labels: l('Propose de lui-même une solution utile en plus', 'Proactively offers a further useful solution', 'Bietet von sich aus eine weitere nützliche Lösung an'), weight: 5, critical: false, allowNa: true },
      ],
    },
  ],
};
