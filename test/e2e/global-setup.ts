import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_CHROME, INSTALL_HINT, findChromium } from './browser.mjs';

// Fails the run with one line, never skips: an end-to-end suite that did not run has proven nothing.
export default function setup() {
  if (!findChromium()) throw new Error(INSTALL_HINT);
  if (!existsSync(join(DIST_CHROME, 'manifest.json'))) throw new Error('No dist/chrome: run `npm run build` first.');
}
