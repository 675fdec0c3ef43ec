// The content script as one self-contained classic script: no chunks to fetch from the extension, nothing
// web-accessible for it, no module loader. Everything in it runs inside Gmail and LinkedIn, so it has no dependencies.
// This build runs after the main one for the same browser, so it also finishes the package: it points the built
// manifest's content_scripts at content.js and writes the store zip.
import { zipSync } from 'fflate';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { outRoot, targetOf, type Target } from './vite.config';

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
      manifest.content_scripts = source.content_scripts.map((script: object) => ({ ...script, js: ['content.js'] }));
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
        entry: 'src/content/main.ts',
        formats: ['iife'],
        name: 'turnkeeperContent',
        fileName: () => 'content.js',
      },
    },
  };
});
