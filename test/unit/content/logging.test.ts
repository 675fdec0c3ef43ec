// "Error logs never contain message text": the content script (it runs inside Gmail and LinkedIn) logs nothing at
// all, and the background logs only through report-error.ts, which keeps an error's kind and cuts quoted parts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { reportError } from '../../../src/background/report-error';

const root = join(import.meta.dirname, '../../../src');
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
const CONSOLE = /\bconsole\s*\.\s*(log|info|warn|error|debug|trace|dir|table)\b/;

describe('who may log', () => {
  it('the content script never writes to the console', () => {
    expect(sources('content').filter((file) => CONSOLE.test(readFileSync(join(root, file), 'utf8')))).toEqual([]);
  });

  it('the background logs only through report-error.ts', () => {
    const logging = sources('background').filter((file) => CONSOLE.test(readFileSync(join(root, file), 'utf8')));
    expect(logging).toEqual([join('background', 'report-error.ts')]);
  });

  it('reportError keeps the kind of error and drops the quoted page text', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    reportError('ingest', new DOMException('Failed to store "Our budget is 40k" for «Dana»', 'QuotaExceededError'));
    expect(spy).toHaveBeenCalledTimes(1);
    const line = String(spy.mock.calls[0]![0]);
    expect(line).toContain('QuotaExceededError');
    expect(line).not.toMatch(/budget|Dana/);
    spy.mockRestore();
  });
});
