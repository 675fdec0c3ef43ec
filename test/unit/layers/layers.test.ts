// The layer check (`npm run check:layers`, layers.oxlint.mjs) fails on an import that crosses the layers, and lets
// the allowed ones through. Each case lays out a small src/ tree in a temporary folder with the real config and runs
// the real oxlint on it, as `npm test` does on the project.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const OXLINT = join(ROOT, 'node_modules/oxlint/bin/oxlint');

interface Diagnostic {
  filename: string;
  help: string;
}

/** Runs the layer check over `files` (path under src/ → source): what it reports per file, and its exit code. */
function check(files: Record<string, string>): { exitCode: number; byFile: Map<string, string[]> } {
  const folder = mkdtempSync(join(tmpdir(), 'layers-'));
  try {
    copyFileSync(join(ROOT, 'layers.oxlint.mjs'), join(folder, 'layers.oxlint.mjs'));
    for (const [path, source] of Object.entries(files)) {
      mkdirSync(dirname(join(folder, 'src', path)), { recursive: true });
      writeFileSync(join(folder, 'src', path), source);
    }
    const run = spawnSync(process.execPath, [OXLINT, '-c', 'layers.oxlint.mjs', '--format', 'json', 'src'], {
      cwd: folder,
      encoding: 'utf8',
    });
    const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
    const byFile = new Map<string, string[]>();
    for (const { filename, help } of diagnostics) byFile.set(filename, [...(byFile.get(filename) ?? []), help]);
    return { exitCode: run.status ?? -1, byFile };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Files the imports below point at. */
const TARGETS = {
  'core/turn.ts': 'export type TurnState = "mine";\n',
  'sites/types.ts': 'export type Site = "gmail";\n',
  'sites/gmail/index.ts': 'export const gmail = 1;\n',
  'protocol/schemas.ts': 'export const schema = 1;\n',
  'protocol/types.ts': 'export type Message = { type: string };\n',
  'protocol/limits.ts': 'export const MAX = 1;\n',
  'db/index.ts': 'export const db = 1;\n',
  'background/validate.ts': 'export const validate = 1;\n',
  'content/watch-page.ts': 'export const watch = 1;\n',
  'export/csv.ts': 'export const csv = 1;\n',
};

/** One file per forbidden import: [file, its one import, what the check says]. */
const FORBIDDEN: Array<[string, string, string]> = [
  ['content/a.ts', "import { validate } from '../background/validate';", 'content must not depend on background'],
  ['content/b.ts', "import type { validate } from '../background/validate';", 'content must not depend on background'],
  ['content/c.ts', "import { db } from '../db';", 'content must not depend on db'],
  ['content/d.ts', "import { schema } from '../protocol/schemas';", 'imports only types from the protocol schemas'],
  ['content/e.ts', "import { h } from 'preact';", 'preact must stay out of the content script'],
  ['core/counts.ts', "import type { Site } from '../sites/types';", 'core must not depend on sites/types'],
  ['sites/gmail/a.ts', "import { db } from '../../db';", 'sites must not depend on db'],
  ['sites/gmail/b.ts', "import * as v from 'valibot';", 'valibot must stay out of the content script'],
  ['db/a.ts', "import type { Message } from '../protocol/types';", 'db must not depend on protocol'],
  ['db/b.ts', "import { gmail } from '../sites/gmail/index';", 'db must not depend on sites'],
  ['protocol/replies.ts', "import { db } from '../db';", 'protocol must not depend on db'],
  ['ui/sidebar/a.tsx', "import { watch } from '../../content/watch-page';", 'ui must not depend on content'],
  ['ui/sidebar/b.tsx', "import { validate } from '../../background/validate';", 'ui must not depend on background'],
  ['export/a.ts', "import { validate } from '../background/validate';", 'export must not depend on background'],
];

describe('the layer check', () => {
  it('fails on each import that crosses the layers, naming the file and the rule', () => {
    const files = Object.fromEntries(FORBIDDEN.map(([file, source]) => [file, `${source}\n`]));
    const { exitCode, byFile } = check({ ...TARGETS, ...files });
    expect(exitCode).toBe(1);
    for (const [file, , message] of FORBIDDEN) {
      expect(byFile.get(`src/${file}`), file).toEqual([expect.stringContaining(message)]);
    }
    expect(byFile.size).toBe(FORBIDDEN.length);
  });

  it('passes imports along the layers (content: sites, core, protocol limits and types; ui: db, export)', () => {
    const { exitCode, byFile } = check({
      ...TARGETS,
      'content/main.ts': [
        "import { gmail } from '../sites/gmail/index';",
        "import type { TurnState } from '../core/turn';",
        "import { MAX } from '../protocol/limits';",
        "import type { Message } from '../protocol/types';",
        "import type { schema } from '../protocol/schemas';",
        "import { watch } from './watch-page';",
        '',
      ].join('\n'),
      'db/ingest.ts': "import type { TurnState } from '../core/turn';\nimport type { Site } from '../sites/types';\n",
      'ui/sidebar/Sidebar.tsx': "import { db } from '../../db';\nimport { csv } from '../../export/csv';\nimport { h } from 'preact';\n",
      'background/router.ts': "import { db } from '../db';\nimport { schema } from '../protocol/schemas';\n",
    });
    expect([...byFile]).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('keeps the database door: Dexie and the modules inside src/db are for src/db alone', () => {
    const { exitCode, byFile } = check(
      {
        ...TARGETS,
        'db/database.ts': "import Dexie from 'dexie';\nexport const open = () => new Dexie('x');\n",
        'ui/a.tsx': "import { open } from '../db/database';\n",
        'export/a.ts': "import Dexie from 'dexie';\n",
        'background/a.ts': "import { db } from '../db';\n",
      },
    );
    expect(exitCode).toBe(1);
    expect(byFile.get('src/ui/a.tsx')).toEqual([expect.stringContaining("entered through its index only")]);
    expect(byFile.get('src/export/a.ts')).toEqual([expect.stringContaining('only src/db touches Dexie')]);
    expect(byFile.has('src/db/database.ts')).toBe(false);
    expect(byFile.has('src/background/a.ts')).toBe(false);
  });
});
