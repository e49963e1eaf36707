// The layer rules of Ecoute (docs/ARCHITECTURE.md, "Layers"), checked by test/architecture.test.ts in `npm test`.
// Folders of src/, bottom to top:
//   foundation  shared/, config.ts
//   core        storage/ text/ sms/ mail/ blobs/ contract/ jobs/ auth/ cases/ http/   (each imports only the layers named in its rule)
//   web/src     the console: imports from src/ only contract/
//   domains     customers/ interactions/ telephony/ console/ surveys/ nps/ studies/ imports/ demo/ sessions/ privacy/ access/ notifications/ complaints/ followups/ causes/ analysis/ review/ actions/ staff/ quality/ usage/ self-service/ billing/ callbacks/ devices/
//   top         server/ (assembles every domain's routes), cli/ (commands)
// Only storage/ imports the database drivers (better-sqlite3, pg).
// Cycles between folders are checked too (scripts/check-layers.mjs), so the domains form a DAG.

/** Tests and test helpers: the rules are about the build, which leaves them out. */
const TESTS = '\\.test\\.ts$|\\.testkit\\.ts$';

/** A folder of src/ that may import only the given folders of src/ (npm packages are always allowed). */
const only = (name, from, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: `^src/${from}/`, pathNot: TESTS },
  to: { path: '^src/', pathNot: `^src/(${from}|${allowed.join('|')})(/|\\.ts$)` },
});

const CORE = ['shared', 'config', 'storage', 'text', 'sms', 'mail', 'blobs', 'contract', 'jobs', 'auth', 'cases', 'http'];
const DOMAINS = ['customers', 'interactions', 'telephony', 'console', 'surveys', 'nps', 'studies', 'imports', 'demo', 'sessions', 'privacy', 'access', 'notifications', 'complaints', 'followups', 'causes', 'analysis', 'review', 'actions', 'staff', 'quality', 'usage', 'self-service', 'billing', 'callbacks', 'devices'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No cycle between files.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    only('shared-is-foundation', 'shared', [], 'shared/ holds small exact helpers every layer uses; it imports nothing of Ecoute.'),
    only('storage-imports-no-domain', 'storage', ['shared'], 'storage/ (engines, schema, migrations) imports no domain: a migration never reads live code.'),
    only('text-is-core', 'text', ['shared'], 'text/ analyses comments; it knows no domain.'),
    only('sms-imports-no-domain', 'sms', ['shared', 'config'], 'sms/ is a transport: it imports no domain.'),
    only('mail-imports-no-domain', 'mail', ['shared'], 'mail/ is a transport (SMTP, the local catcher): it imports no domain.'),
    only('blobs-imports-no-domain', 'blobs', ['shared', 'config'], 'blobs/ (where files live: the BlobStore interface and its stores) imports no domain.'),
    only('contract-imports-no-domain', 'contract', ['shared', 'text', 'sms'], 'contract/ (the API\'s response schemas and the types and helpers the console may use) imports no domain, no service, no storage row type.'),
    {
      name: 'web-imports-only-the-contract',
      comment: 'The console takes from the server only src/contract/: no service, no row type, no runtime module of a domain in the browser bundle.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^src/', pathNot: '^src/contract/' },
    },
    only('jobs-is-core', 'jobs', ['shared', 'storage'], 'jobs/ (outbox, worker) knows topics by name, not the domains that handle them.'),
    only('auth-is-core', 'auth', ['shared', 'storage'], 'auth/ (actors, policies, audit) is below http/ and every domain.'),
    only('cases-is-core', 'cases', ['shared', 'storage', 'auth'], 'cases/ (state machines of cases, their events and queues) knows kinds by their definitions, not the domains that define them.'),
    only('http-core-imports-no-domain', 'http', ['shared', 'config', 'storage', 'auth', 'sms', 'mail', 'blobs'], 'http/ (router, problem+json, authorization gate) is imported by domains and imports none.'),
    {
      name: 'drivers-only-in-storage',
      comment:
        'Only storage/ talks to the database drivers: other code reads capabilities or calls storage functions (tests and benchmarks, outside this rule, may use the SQLite handle).',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/storage/|${TESTS}` },
      // resolved into node_modules (the package or its @types), or the bare name where it is not installed
      to: { path: '(^|node_modules/(@types/)?)(better-sqlite3|pg)(/|$)' },
    },
    {
      name: 'domains-below-the-top',
      comment: 'Domains never import the server assembly or the commands.',
      severity: 'error',
      from: { path: `^src/(${[...CORE, ...DOMAINS].join('|')})(/|\\.ts$)`, pathNot: TESTS },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'server-assembles-only',
      comment: 'server/ (app.ts, server.ts) is imported only by the commands, benchmarks and tests.',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(server|cli)/|${TESTS}` },
      to: { path: '^src/server/' },
    },
    {
      name: 'test-helpers-not-in-the-build',
      comment: 'Test helpers (*.testkit.ts, test/) are imported by tests only, so they stay out of dist/.',
      severity: 'error',
      from: { path: '^src/', pathNot: TESTS },
      to: { path: '\\.testkit\\.ts$|^test/' },
    },
    {
      name: 'build-imports-no-tests',
      comment: 'No code of the build imports a test file.',
      severity: 'error',
      from: { path: '^(src|web/src)/', pathNot: TESTS },
      to: { path: '\\.test\\.tsx?$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
