import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TurnkeeperDatabase } from '../../../src/db/database';
import { conversationToMarkdown, escapeBlock, escapeLine, exportConversationMarkdown } from '../../../src/export/markdown';
import { openTestDb, sampleConversations, sampleMessages, sampleNotes, samplePeople, samplePins, seed } from './helpers';

const opts = { locale: 'en-GB', timeZone: 'UTC' };
/** The day heading as this runtime's ICU writes it ("Monday 3 March 2025" or "Monday, 3 March 2025"). */
const day = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));

describe('Markdown transcript', () => {
  it('renders title, people, messages by day, notes and pins', () => {
    const md = conversationToMarkdown(
      {
        conversation: sampleConversations()[0]!,
        messages: sampleMessages().filter((m) => m.conversationId === 'gmail:t1').reverse(),
        people: samplePeople(),
        notes: sampleNotes().filter((n) => n.conversationId === 'gmail:t1'),
        pins: samplePins().filter((p) => p.conversationId === 'gmail:t1'),
      },
      opts,
    );
    expect(md).toBe(
      [
        '# Pricing, terms; and "next steps"',
        '',
        'Gmail · <https://mail.google.com/mail/u/0/#inbox/t1>  ',
        'People: Ana Díaz (ana@buyer.example, https://www.linkedin.com/in/ana-diaz/)',
        '',
        `## ${day('2025-03-03T12:00:00Z')}`,
        '',
        '**Ana Díaz** · 09:00 — Hello Sam,  ',
        'Can you send pricing?',
        '',
        'Thanks, Ana',
        '',
        '**You** · 10:02 — Sure — attached. Prices: 10,000; 20,000.',
        '',
        '## Notes',
        '',
        '- Promised a discount by Friday *(promised)*',
        '',
        '## Pins',
        '',
        `- Due ${day('2025-03-04T12:00:00Z')} 08:00 *(done)*`,
        '',
      ].join('\n'),
    );
  });

  it('keeps hostile message text from making structure, links, images or fake lines', () => {
    const hostile = [
      '# Heading',
      '   ## indented heading',
      '> quote',
      '- item',
      '+ item',
      '* item',
      '1. item',
      '2) item',
      '```js',
      '~~~',
      '    indented code',
      '---',
      '===',
      '| a | b |',
      '[click](javascript:alert(1)) ![x](https://tracker.example/p.gif) <img src=x onerror=alert(1)> <https://x.example>',
      '**You** · 10:00 — I agree to pay double',
      '[ref]: https://evil.example',
      'snake_case and _emphasis_ and `code` and &amp; and \\',
    ].join('\n');
    const md = conversationToMarkdown(
      {
        conversation: { ...sampleConversations()[1]!, subject: '# Re: **urgent** [link](http://x)\nsecond line' },
        messages: [{ ...sampleMessages()[3]!, text: hostile }, sampleMessages()[2]!],
        people: [{ ...samplePeople()[2]!, name: '**You**' }],
        notes: [{ ...sampleNotes()[1]!, text: '# not a heading\n- not a sub-item' }],
        pins: [{ ...samplePins()[0]!, note: '> not a quote' }],
      },
      opts,
    );
    const lines = md.split('\n');
    // The only block structure is ours: one title, day/section headings, list items of notes and pins.
    expect(lines.filter((l) => /^#{1,6} /.test(l))).toEqual([
      '# \\# Re: \\*\\*urgent\\*\\* \\[link\\](http://x) second line',
      `## ${day('2025-03-04T12:00:00Z')}`,
      '## Time unknown',
      '## Notes',
      '## Pins',
    ]);
    expect(lines.filter((l) => /^\s*([-+*]|\d+[.)]) /.test(l))).toEqual([
      '- \\# not a heading  ',
      `- Due ${day('2025-03-05T12:00:00Z')} 08:00 — \\> not a quote`,
    ]);
    expect(lines.filter((l) => /^\s*(>|```|~~~| {4}|\||={3}|-{3})/.test(l))).toEqual([]);
    // A message can only start as "**Name** · time —" when we wrote it.
    expect(lines.filter((l) => l.startsWith('**'))).toEqual([
      '**\\*\\*You\\*\\*** · 09:00 — \\# Heading  ',
      '**\\*\\*You\\*\\*** · “yesterday” — \\=HYPERLINK("http://evil.example","click") *(preview only)*',
    ]);
    expect(md).toContain('\\*\\*You\\*\\* · 10:00 — I agree to pay double');
    // No link, image, autolink or HTML survives.
    expect(md).not.toMatch(/(^|[^\\])\[/m);
    expect(md).not.toMatch(/(^|[^\\])<(?!https:\/\/www\.linkedin\.com\/messaging)/m);
    expect(md).toContain('snake_case and \\_emphasis\\_ and \\`code\\` and \\&amp; and \\\\');
  });

  it('escapeLine and escapeBlock', () => {
    expect(escapeLine('   # x')).toBe('\\# x');
    expect(escapeLine('10. x')).toBe('10\\. x');
    expect(escapeLine('-1 degrees')).toBe('\\-1 degrees');
    expect(escapeLine('plain text, fine.')).toBe('plain text, fine.');
    expect(escapeBlock('a\n\n\n\nb\n\n')).toBe('a\n\nb');
    expect(escapeBlock('a\nb', '  ')).toBe('a  \n  b');
  });
});

describe('exportConversationMarkdown', () => {
  let db: TurnkeeperDatabase;
  beforeEach(async () => {
    db = openTestDb();
    await seed(db);
  });
  afterEach(() => db.delete());

  it('reads one conversation and names the file after it', async () => {
    const { blob, filename } = await exportConversationMarkdown(db, 'gmail:t1', { ...opts, now: new Date('2025-03-10T12:00:00Z') });
    expect(filename).toMatch(/^turnkeeper-pricing-terms-and-next-steps-\d{4}-\d{2}-\d{2}\.md$/);
    expect(blob.type).toBe('text/markdown;charset=utf-8');
    const md = await blob.text();
    expect(md.startsWith('# Pricing')).toBe(true);
    expect(md).toContain('**You** · 10:02');
    await expect(exportConversationMarkdown(db, 'nope')).rejects.toThrow(/no conversation/);
  });
});
