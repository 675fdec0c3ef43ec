// The history import's public surface (issue 16), for the code that wires it to the database and the dashboard.
// Everything here runs without a DOM, in the import Worker (worker.ts) or in tests.
export { plan, run, type HistoryFile, type Plan, type RunSummary } from './pipeline';
export { HistoryError, type HistoryErrorCode } from './errors';
export type { FromWorker, ToWorker, WorkerOptions } from './protocol';
export type * from './types';
export { countUpTo } from './last-days';
