// The content scripts, one per site (TURNKEEPER_CONTENT=gmail|linkedin picks src/content/<site>.ts), each one
// self-contained classic script: no chunks to fetch from the extension, nothing web-accessible for it, no module
// loader. Everything in it runs inside Gmail or LinkedIn, so it has no dependencies, and a page carries only its own
// site's adapter. These builds run after the main one for the same browser, so they also finish the package: they
// point the built manifest's content_scripts at content-<site>.js and write the store zip (the last build's zip holds
// both scripts).
import { zipSync } from 'fflate';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { outRoot, targetOf, type Target } from './vite.config';

const SITES = ['gmail', 'linkedin'] as const;
type ContentSite = (typeof SITES)[number];

/** The built file of a content-script entry of manifest.json (src/content/gmail.ts → content-gmail.js). */
function contentFileOf(entry: string): string {
  const site = /^src\/content\/(\w+)\.ts$/.exec(entry)?.[1];
  if (!site || !SITES.includes(site as ContentSite)) throw new Error(`manifest.json: unknown content script ${entry}`);
  return `content-${site}.js`;
}

function siteOf(value: string | undefined): ContentSite {
  if (SITES.includes(value as ContentSite)) return value as ContentSite;
  throw new Error('TURNKEEPER_CONTENT must be gmail or linkedin (one content-script build per site)');
}

function finishPackage(target: Target): Plugin {
  return {
    name: 'turnkeeper:finish-package',
    apply: 'build',
    closeBundle() {
      const root = resolve(import.meta.dirname);
      const out = resolve(root, outRoot(), target);
      const source = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
      const manifestPath = join(out, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      manifest.content_scripts = source.content_scripts.map((script: { js: string[] }) => ({
        ...script,
        js: script.js.map((entry) => `${contentFileOf(entry)}`),
      }));
      writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
      // Vite's own manifest is a build artefact, not part of the extension.
      rmSync(join(out, '.vite'), { recursive: true, force: true });

      const files: Record<string, Uint8Array> = {};
      const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          if (statSync(path).isDirectory()) walk(path);
          else files[relative(out, path)] = readFileSync(path);
        }
      };
      walk(out);
      const zip = resolve(root, outRoot(), `turnkeeper-${target}-${source.version}.zip`);
      writeFileSync(zip, zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }));
    },
  };
}

export default defineConfig(({ mode }) => {
  const target = targetOf(mode);
  const site = siteOf(process.env.TURNKEEPER_CONTENT);
  return {
    plugins: [finishPackage(target)],
    publicDir: false,
    build: {
      outDir: `${outRoot()}/${target}`,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      lib: {
        entry: `src/content/${site}.ts`,
        formats: ['iife'],
        name: 'turnkeeperContent',
        fileName: () => contentFileOf(`src/content/${site}.ts`),
      },
    },
  };
});
