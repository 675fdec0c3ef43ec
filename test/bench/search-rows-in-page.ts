// Bundled by dashboard-bench.mjs and evaluated in the dashboard page: the real word-index row builder, so the
// benchmark's generated history is indexed exactly as Turnkeeper indexes it.
import { searchRowsFor } from '../../src/db/search-index';

(globalThis as unknown as Record<string, unknown>).turnkeeperSearchRowsFor = searchRowsFor;
