// The layers of src/ and which may import which; `npm run check:layers` (part of `npm test`) fails on an import that
// crosses them. Dependencies point one way:
//
//   core ← sites ← content            (content also uses the protocol; it runs inside Gmail and LinkedIn)
//   core, sites/types ← protocol
//   core, sites/types ← db ← background, ui, export   (which also use the protocol; background and ui use export)
//   core, sites ← history ← ui                          (the import Worker: reads files, writes nothing)
//
// Checked by oxlint's no-restricted-imports, on the import text as written. Layers are folders of src/ with names
// used nowhere else in src/, and imports between them are relative ('../db', '../../core/turn'), so a specifier that
// climbs (`../`, any number) into a folder of that name is an import of that layer. `import type` counts too: a layer
// that needs another's types depends on it.

const climbsInto = (folder) => `^(\\.\\./)+${folder}(/|$)`;
const LAYER_IMPORT = {
  core: climbsInto('core'),
  sites: `^(\\.\\./)+sites/[^/]+/`, // an adapter (sites/gmail/…, sites/linkedin/…)
  'sites/types': `^(\\.\\./)+sites/types$`, // the adapter contract alone
  protocol: climbsInto('protocol'),
  db: climbsInto('db'),
  content: climbsInto('content'),
  background: climbsInto('background'),
  ui: climbsInto('ui'),
  export: climbsInto('export'),
  history: climbsInto('history'),
};

/** What each layer may import of ours (itself always). */
const LAYERS = {
  core: [],
  sites: ['core', 'sites/types'],
  protocol: ['core', 'sites/types'],
  db: ['core', 'sites/types'],
  content: ['core', 'sites', 'sites/types', 'protocol'],
  background: ['core', 'sites/types', 'protocol', 'db', 'export'],
  ui: ['core', 'sites/types', 'protocol', 'db', 'export', 'history'],
  export: ['core', 'sites/types', 'protocol', 'db'],
  // Ids and text folding are the adapters' own functions, so an imported thread gets the ids a page read gives;
  // export only for the backup format's name (recognising a backup among the files).
  history: ['core', 'sites', 'sites/types', 'protocol', 'export'],
};

/** Libraries that must not run where a layer runs: the content script (sites, core, content) is tiny. */
const HEAVY_IN_PAGE = ['dexie', 'preact', 'valibot', 'webextension-polyfill'];
const PACKAGES_FORBIDDEN = {
  history: ['dexie', 'preact', 'webextension-polyfill'],
  core: HEAVY_IN_PAGE,
  sites: HEAVY_IN_PAGE,
  content: HEAVY_IN_PAGE,
};

function patternsFor(layer) {
  const allowed = new Set([layer, ...LAYERS[layer]]);
  const patterns = Object.entries(LAYER_IMPORT)
    .filter(([other]) => !allowed.has(other))
    .map(([other, regex]) => ({ regex, message: `${layer} must not depend on ${other} (see layers.oxlint.mjs).` }));
  for (const name of PACKAGES_FORBIDDEN[layer] ?? []) {
    patterns.push({ regex: `^${name}(/|$)`, message: `${name} must stay out of the content script (${layer} runs in the page).` });
  }
  if (layer === 'content') {
    // Its types are free; a value import of these would bundle valibot into every Gmail and LinkedIn page.
    patterns.push({
      regex: '^\\.\\./protocol/(schemas|replies)$',
      allowTypeImports: true,
      message: 'the content script imports only types from the protocol schemas (use protocol/types, protocol/limits).',
    });
  }
  // The record has one door: only src/db touches IndexedDB, and others enter it through src/db/index.ts.
  if (layer !== 'db') {
    patterns.push(
      { regex: '^dexie(/|$)', message: 'only src/db touches Dexie and IndexedDB; use the API of src/db/index.ts.' },
      { regex: '^(\\.\\./)+db/.', message: "src/db is entered through its index only: import from '../db'." },
    );
  }
  return patterns;
}

export default {
  plugins: [],
  categories: { correctness: 'off' },
  rules: {},
  overrides: Object.keys(LAYERS).map((layer) => ({
    files: [`src/${layer}/**`],
    rules: { 'no-restricted-imports': ['error', { patterns: patternsFor(layer) }] },
  })),
};
