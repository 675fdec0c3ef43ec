// The running record with this person across both sites, like a chat: oldest at the top, newest at the bottom,
// grouped by day; each message marked by site and by who wrote it; long texts folded; notes and pins where they were
// made. The list scrolls to the bottom when a conversation opens, and stays there as new messages arrive unless the
// user scrolled up to read.
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ConversationView, NoteRecord, PinRecord, TimelineMessage } from '../../db';
import { describeAttachment } from '../../sites/attachment';
import type { Attachment } from '../../sites/types';
import { formatClock, formatDay, formatFull, formatWhen, isSameLocalDay } from '../components/format-date';
import { whenWords } from '../components/RemindMenu';
import { t } from '../i18n';
import { foldText } from './format';
import { NoteEntry } from './Notes';
import { Icon, SiteChip, Text } from './ui';

type Entry =
  | { kind: 'message'; at: number; key: string; message: TimelineMessage }
  | { kind: 'note'; at: number; key: string; note: NoteRecord; onPerson: boolean }
  | { kind: 'pin'; at: number; key: string; pin: PinRecord };

const PAGE = 150;

export interface TimelineProps {
  /** Resets the scroll position when it changes. */
  scrollKey: string;
  messages: TimelineMessage[];
  notes: NoteRecord[];
  personNotes?: NoteRecord[];
  pins: PinRecord[];
  conversations?: ConversationView[];
  now: Date;
  label: string;
  empty?: string;
}

export function Timeline({ scrollKey, messages, notes, personNotes = [], pins, conversations = [], now, label, empty }: TimelineProps) {
  const [shown, setShown] = useState(PAGE);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastKey = useRef<string | null>(null);

  const entries = useMemo(() => {
    const list: Entry[] = [];
    for (const m of messages) list.push({ kind: 'message', at: Date.parse(m.sentAt ?? m.seenAt), key: `m:${m.id}`, message: m });
    const seen = new Set<string>();
    for (const n of notes) {
      seen.add(n.id);
      list.push({ kind: 'note', at: Date.parse(n.createdAt), key: `n:${n.id}`, note: n, onPerson: false });
    }
    for (const n of personNotes) {
      if (!seen.has(n.id)) list.push({ kind: 'note', at: Date.parse(n.createdAt), key: `n:${n.id}`, note: n, onPerson: true });
    }
    for (const p of pins) list.push({ kind: 'pin', at: Date.parse(p.createdAt), key: `p:${p.id}`, pin: p });
    // Messages come in record order (time, then page position); notes and pins slot in by time, after messages of
    // the same instant. A stable sort keeps the record's own order.
    const rank = { message: 0, note: 1, pin: 2 } as const;
    return list
      .map((entry, index) => ({ entry, index }))
      .sort((a, b) => (a.entry.at - b.entry.at) || (rank[a.entry.kind] - rank[b.entry.kind]) || a.index - b.index)
      .map(({ entry }) => entry);
  }, [messages, notes, personNotes, pins]);

  const subjects = useMemo(() => new Map(conversations.map((c) => [c.id, c])), [conversations]);

  const visible = entries.length > shown ? entries.slice(entries.length - shown) : entries;
  const days: { day: Date; items: Entry[] }[] = [];
  for (const entry of visible) {
    const d = new Date(Number.isNaN(entry.at) ? now.getTime() : entry.at);
    const last = days[days.length - 1];
    if (last && isSameLocalDay(last.day, d)) last.items.push(entry);
    else days.push({ day: d, items: [entry] });
  }

  // Scrolled to the bottom on open; kept there while the user is there.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (lastKey.current !== scrollKey) {
      lastKey.current = scrollKey;
      setShown(PAGE);
      el.scrollTop = el.scrollHeight;
      atBottom.current = true;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [scrollKey, entries.length]);

  const dayLabel = (day: Date) => {
    if (isSameLocalDay(day, now)) return t('sidebarToday');
    const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
    if (isSameLocalDay(day, yesterday)) return t('sidebarYesterday');
    return formatDay(day, now);
  };

  return (
    <div
      ref={scroller}
      class="timeline"
      tabIndex={0}
      role="region"
      aria-label={label}
      data-testid="timeline"
      onScroll={(event) => {
        const el = event.currentTarget as HTMLDivElement;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {entries.length > shown && (
        <button type="button" class="tk-button earlier" onClick={() => setShown((n) => n + PAGE)}>
          {t('sidebarShowEarlier', String(entries.length - shown))}
        </button>
      )}
      {!entries.length && empty && <p class="muted timeline__empty">{empty}</p>}
      {days.map(({ day, items }) => (
        <section key={day.toDateString()} class="day" aria-label={dayLabel(day)}>
          <h3 class="day__title">
            <span>{dayLabel(day)}</span>
          </h3>
          <ol class="day__list">
            {items.map((entry) =>
              entry.kind === 'message' ? (
                <MessageEntry key={entry.key} message={entry.message} other={subjects.get(entry.message.conversationId)} />
              ) : entry.kind === 'note' ? (
                <NoteEntry key={entry.key} note={entry.note} onPerson={entry.onPerson} />
              ) : (
                <PinEntry key={entry.key} pin={entry.pin} now={now} />
              ),
            )}
          </ol>
        </section>
      ))}
    </div>
  );
}

/** What a message carries, in the UI language ("Voice message, 1:00", "File: x.pdf"); '' for plain text. */
export function attachmentWords(a: Attachment | undefined): string {
  if (!a) return '';
  const one = (plain: string, withDetail: string, detail: string | undefined) => (detail ? t(withDetail, detail) : t(plain));
  const shared = (plain: string, by: string, byWords: string, words: string) =>
    a.author && a.title ? t(byWords, [a.author, a.title]) : a.author ? t(by, a.author) : a.title ? t(words, a.title) : t(plain);
  switch (a.kind) {
    case 'voice':
      return one('msgVoice', 'msgVoiceLength', a.duration);
    case 'image':
      return t('msgPhoto');
    case 'gif':
      return t('msgGif');
    case 'sticker':
      return t('msgSticker');
    case 'video':
      return one('msgVideo', 'msgVideoLength', a.duration);
    case 'file':
      return one('msgFile', 'msgFileNamed', a.name);
    case 'post':
      return shared('msgPost', 'msgPostBy', 'msgPostByWords', 'msgPostWords');
    case 'article':
      return shared('msgArticle', 'msgArticleBy', 'msgArticleByWords', 'msgArticleWords');
    case 'link':
      return one('msgLink', 'msgLinkTo', a.name);
    case 'event':
      return one('msgEvent', 'msgEventNamed', a.title);
    case 'call':
      return one('msgCall', 'msgCallLength', a.duration);
    default:
      return t('msgOther');
  }
}

function MessageEntry({ message, other }: { message: TimelineMessage; other: ConversationView | undefined }) {
  const [expanded, setExpanded] = useState(false);
  // A message with no words of its own was recorded with an English description of what it carries: the UI words
  // it in its own language instead, and shows the words only when there are some.
  const carried = attachmentWords(message.attachment);
  const words = message.attachment && message.text === describeAttachment(message.attachment) ? '' : message.text;
  const folded = useMemo(() => foldText(words), [words]);
  const who = message.fromMe ? t('sidebarYou') : message.senderName || t('sidebarUnknownSender');
  const time = message.sentAt ? new Date(message.sentAt) : null;
  const elsewhere = !message.inThisConversation;
  const elsewhereLabel = elsewhere ? other?.subject || (other ? t('sidebarOtherConversation') : '') : '';
  return (
    <li
      class={`entry msg ${message.fromMe ? 'msg--me' : 'msg--them'}${elsewhere ? ' msg--elsewhere' : ''}`}
      data-testid={message.inThisConversation ? 'message' : 'record-message'}
      data-site={message.site}
    >
      <div class="entry__meta">
        <SiteChip site={message.site} />
        <span class="msg__who">
          <Text>{who}</Text>
        </span>
        {time ? (
          <time dateTime={message.sentAt!} title={formatFull(time)}>
            {formatClock(time)}
          </time>
        ) : (
          <span class="msg__time-text" title={t('sidebarTimeUnknown')}>
            <Text>{message.sentAtText || '?'}</Text>
          </span>
        )}
        {message.partial && <span class="tag">{t('sidebarPreviewOnly')}</span>}
      </div>
      {elsewhereLabel && (
        <div class="msg__elsewhere">
          {t('sidebarInConversation')} <Text>{elsewhereLabel}</Text>
        </div>
      )}
      <div class="msg__bubble">
        {carried && (
          <div class="msg__attachment" data-testid="message-attachment" dir="auto">
            {carried}
          </div>
        )}
        {words && (
          <div class="entry__text" dir="auto">
            {expanded || !folded.folded ? words : folded.text}
          </div>
        )}
        {folded.folded && (
          <button type="button" class="link-button" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
            {expanded ? t('sidebarLess') : t('sidebarMore')}
          </button>
        )}
      </div>
    </li>
  );
}

function PinEntry({ pin, now }: { pin: PinRecord; now: Date }) {
  const due = new Date(pin.dueAt);
  const status = pin.done
    ? pin.doneReason === 'replied'
      ? t('sidebarPinReplied')
      : t('sidebarPinDone')
    : due.getTime() <= now.getTime()
      ? t('sidebarPinDue')
      : null;
  return (
    <li class={`entry pin${pin.done ? ' pin--done' : ''}`} data-testid="pin-entry">
      <div class="entry__meta">
        <Icon name="pin" />
        <span class="entry__kind">{t('sidebarPinKind')}</span>
        {status && <span class="tag">{status}</span>}
        <time dateTime={pin.createdAt}>{formatClock(new Date(pin.createdAt))}</time>
      </div>
      <div class="entry__text">
        <span title={formatFull(due)}>{t('sidebarPinFor', formatWhen(due, now, whenWords()))}</span>
        {pin.note && (
          <>
            {' — '}
            <Text>{pin.note}</Text>
          </>
        )}
      </div>
    </li>
  );
}
