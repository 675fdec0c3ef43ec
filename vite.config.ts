// Builds the extension for one browser: `vite build --mode chrome|firefox` (`npm run build` runs both, each followed
// by the content-script build, which also finishes the manifest and writes the store zip). crxjs turns manifest.json into the built manifest and bundles the
// background and the extension pages. The content script is built separately (vite.content.config.ts) as one
// self-contained file: crxjs would load it through a loader that imports chunks from the extension, which makes those
// chunks web-accessible to Gmail and LinkedIn and adds a round trip before the first read.
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

/**
 * Page text is rendered as text, never as HTML. Preact's only HTML sink is `dangerouslySetInnerHTML`; this removes it
 * from the bundle, so even a mistaken use in our code cannot parse a string as HTML (it throws instead).
 */
function withoutHtmlSink(): Plugin {
  return {
    name: 'turnkeeper:without-html-sink',
    transform(code, id) {
      if (!/node_modules\/preact\/dist\/preact\.mjs$/.test(id)) return null;
      const sink = /\(([a-zA-Z_$]+)\.innerHTML=([a-zA-Z_$]+)\.__html\)/;
      if (!sink.test(code)) throw new Error('preact changed: the dangerouslySetInnerHTML sink was not found');
      return code.replace(sink, '(()=>{throw new Error("Turnkeeper renders text only")})()');
    },
  };
}

export type Target = 'chrome' | 'firefox';
/** Where builds go: dist/ unless TURNKEEPER_OUT says otherwise (parallel work on one machine builds side by side). */
export function outRoot(): string {
  return process.env.TURNKEEPER_OUT ?? 'dist';
}

export function targetOf(mode: string): Target {
  if (mode !== 'chrome' && mode !== 'firefox') throw new Error(`build with --mode chrome or --mode firefox (got ${mode})`);
  return mode;
}

/** The Chrome manifest is the source; Firefox's is derived from it here. */
export function manifestFor(browser: Target): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8'));
  delete manifest.content_scripts; // added after the build, pointing at the self-contained content-<site>.js
  if (browser === 'firefox') {
    delete manifest.minimum_chrome_version;
    // Firefox MV3 has no extension service worker: the same module runs as an event page.
    manifest.background = { scripts: [manifest.background.service_worker], type: 'module' };
    manifest.browser_specific_settings = {
      gecko_android: { strict_min_version: '142.0' },
      gecko: {
        id: 'turnkeeper@turnkeeper.invalid',
        strict_min_version: '140.0',
        // Firefox 140+ asks every extension to declare what it collects: nothing leaves the machine.
        data_collection_permissions: { required: ['none'] },
      },
    };
  }
  return manifest;
}

export default defineConfig(({ mode }) => {
  const target = targetOf(mode);
  return {
  plugins: [withoutHtmlSink(), crx({ manifest: manifestFor(target) as unknown as ManifestV3Export, browser: target })],
  build: {
    outDir: `${outRoot()}/${target}`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      // The sidebar is only referenced from web_accessible_resources, which crxjs copies unbuilt unless it is an input.
      input: { sidebar: 'src/ui/sidebar/index.html' },
    },
  },
  };
});
