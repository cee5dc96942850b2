/**
 * The layer rule, checked by `npm test` (npm run check:layers). Data flows one
 * way: reference data and the pure core at the centre; store, ingest and
 * analyses around them; the release layer and the site see only protected
 * releases; the pipeline composes them; server and CLI are the outside.
 */
const layer = (name) => `^src/${name}/`;
const notIn = (...names) => `^src/(?!${names.join('|')}/)`;

module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core imports nothing outside src/core: no Node APIs, no other layer, no package but zod',
      severity: 'error',
      from: { path: layer('core') },
      to: { pathNot: ['^src/core/', 'node_modules/zod/'] },
    },
    {
      name: 'reference-below-store',
      comment: 'reference data depends on the core only',
      severity: 'error',
      from: { path: layer('reference') },
      to: { path: notIn('core', 'reference') },
    },
    {
      name: 'store-is-storage',
      comment: 'the store never imports ingest, analyses, release, site, pipeline, server or the CLI',
      severity: 'error',
      from: { path: layer('store') },
      to: { path: notIn('core', 'reference', 'store') },
    },
    {
      name: 'ingest-below-analyses',
      severity: 'error',
      from: { path: layer('ingest') },
      to: { path: notIn('core', 'reference', 'store', 'ingest') },
    },
    {
      name: 'analyses-make-results',
      comment: 'analyses read the store and make unprotected Results; they never publish',
      severity: 'error',
      from: { path: layer('analyses') },
      to: { path: notIn('core', 'reference', 'store', 'analyses') },
    },
    {
      name: 'coding-beside-analyses',
      comment: 'title coding reads the store and the reference data; it never publishes',
      severity: 'error',
      from: { path: layer('coding') },
      to: { path: notIn('core', 'reference', 'store', 'coding') },
    },
    {
      name: 'release-sees-releases',
      comment: 'the release layer (files, publishing audit) works on protected releases only',
      severity: 'error',
      from: { path: layer('release') },
      to: { path: notIn('core', 'reference', 'release') },
    },
    {
      name: 'site-renders-releases',
      comment: 'the site renders a protected release and never imports the store or an analysis',
      severity: 'error',
      from: { path: layer('site') },
      to: { path: notIn('core', 'reference', 'site') },
    },
    {
      name: 'pipeline-composes',
      severity: 'error',
      from: { path: layer('pipeline') },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'server-below-cli',
      severity: 'error',
      from: { path: layer('server') },
      to: { path: '^src/cli/' },
    },
    {
      name: 'nothing-imports-the-cli',
      severity: 'error',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
