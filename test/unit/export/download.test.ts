// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadBlob, REVOKE_AFTER_MS, safeFilename } from '../../../src/export/download';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('downloadBlob', () => {
  it('clicks a hidden anchor with a blob URL and the file name, then revokes the URL later', () => {
    vi.useFakeTimers();
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:turnkeeper/1');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: { href: string; download: string; inDocument: boolean }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, inDocument: document.body.contains(this) });
    });
    const blob = new Blob(['{}'], { type: 'application/json' });
    downloadBlob(blob, 'turnkeeper-backup-2025-03-10.json');
    expect(create).toHaveBeenCalledWith(blob);
    expect(click).toHaveBeenCalledTimes(1);
    expect(clicked).toEqual([{ href: 'blob:turnkeeper/1', download: 'turnkeeper-backup-2025-03-10.json', inDocument: true }]);
    expect(document.querySelectorAll('a')).toHaveLength(0);
    expect(revoke).not.toHaveBeenCalled();
    vi.advanceTimersByTime(REVOKE_AFTER_MS);
    expect(revoke).toHaveBeenCalledWith('blob:turnkeeper/1');
  });
});

describe('safeFilename', () => {
  it('removes path separators, reserved and control characters', () => {
    expect(safeFilename('../../etc/passwd')).toBe('-..-etc-passwd');
    expect(safeFilename('a<b>c:d"e|f?g*h\u0000i\u202Ej.md')).toBe('a-b-c-d-e-f-g-h-i-j.md');
    expect(safeFilename('CON.txt')).toBe('_CON.txt');
    expect(safeFilename('  ...  ')).toBe('turnkeeper-export');
    const long = safeFilename('x'.repeat(300) + '.json');
    expect(long).toHaveLength(150);
    expect(long.endsWith('.json')).toBe(true);
  });
});
