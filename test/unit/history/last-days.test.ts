// The plan's count of conversations by the day of their last message, which the dashboard turns into "live" and
// "gone quiet" before importing (generated files: hand-written generators following docs/imports.md, December 2026).
import { describe, expect, it } from 'vitest';
import { countUpTo } from '../../../src/history/last-days';
import { plan } from '../../../src/history/pipeline';
import { messagesCsv, sampleRows } from './generators/linkedin';
import { mbox, sampleAccount } from './generators/takeout';

const day = (iso: string) => Math.floor(Date.parse(iso) / 86_400_000);

describe('plan: conversations by the day of their last message', () => {
  it('LinkedIn: one count per imported conversation, on its newest message’s day', async () => {
    const p = await plan([new File([messagesCsv(sampleRows(), 11)], 'messages.csv')]);
    const days = p.summary.linkedin.lastMessageDays;
    expect(days[day('2024-05-02T10:00:00Z')]).toBe(1);
    expect(Object.values(days).reduce((a, n) => a + n, 0)).toBe(p.summary.linkedin.conversations);
    // Gone quiet at a cutoff between the two conversations' last days: the older one only.
    expect(countUpTo(days, Date.parse('2024-04-20T00:00:00Z'))).toBe(1);
    expect(countUpTo(days, Date.parse('2024-06-01T00:00:00Z'))).toBe(2);
    expect(countUpTo(days, Date.parse('2024-01-01T00:00:00Z'))).toBe(0);
  });

  it('Gmail: the imported thread only (newsletter and spam are not counted)', async () => {
    const p = await plan([new File([mbox(sampleAccount()) as Uint8Array<ArrayBuffer>], 'a.mbox')]);
    expect(p.summary.gmail.lastMessageDays).toEqual({ [day('2024-03-01T10:00:00Z')]: 1 });
  });
});
