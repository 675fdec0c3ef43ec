// One TypeScript entry of test/bench bundled into a single script to run inside a page (a plain page, or an
// extension page through the DevTools protocol), with src's own code in it.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

/** The source of `entry` (a file name in test/bench) as one minified IIFE script. */
export async function pageBundle(entry) {
  const name = entry.replace(/\.ts$/, '');
  const outDir = resolve(import.meta.dirname, `../../node_modules/.turnkeeper-bench-${name}`);
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      lib: { entry: resolve(import.meta.dirname, entry), formats: ['iife'], name: 'turnkeeperBench', fileName: () => `${name}.js` },
    },
  });
  return readFileSync(join(outDir, `${name}.js`), 'utf8');
}
