// Reminders: the toolbar badge, the alarms and the notifications. Everything is re-derived from the record and the
// clock on every run, so a run can happen at any time (after an ingest, on record/changed, on an alarm, at browser
// start) and a missed or doubled run does no harm. The rules are in schedule.ts; this file does the I/O.
//
// Runs are serialised: two events close together (an ingest and a pin) never notify the same item twice.
import browser from 'webextension-polyfill';
import { formatRelative } from '../core/relative-time';
import { countLabel } from '../core/counts';
import {
  badgeCounts,
  conversationTitles,
  conversationViews,
  duePinsOf,
  getConversation,
  getConversations,
  getSettings,
  markPinNotified,
  nextDueAt,
  openDatabase,
  overdueConversationRows,
  refreshTurns,
  unnotifiedDuePins,
  type ConversationRecord,
  type TurnkeeperDatabase,
} from '../db';
import { followUpCutoff, goneQuietCutoff } from '../core/turn';
import type { SidebarApplyMessage } from '../protocol/types';
import { reportError } from './report-error';
import {
  ALARM_DIGEST,
  ALARM_DUE,
  ALARM_SAFETY,
  SAFETY_PERIOD_MINUTES,
  badgeText,
  digestDue,
  followUpKey,
  itemNotificationId,
  listNotificationId,
  nextDigestAt,
  nextDueAlarmAt,
  notificationText,
  parseNotificationId,
  planNotifications,
  pruneNotified,
  type DueItem,
  type RunReason,
} from './schedule';

const NOTIFIED_FOLLOW_UPS = 'notifiedFollowUps';
const LAST_DIGEST = 'lastDigestAt';
const TITLE_MAX = 60;
const MESSAGE_MAX = 120;
const BADGE_COLOR = '#b45309';
const CLOCK_REASONS = new Set<RunReason>(['alarm', 'safety', 'digest', 'startup', 'install']);

/** English for each notification string, used when the locale has no such key. */
const ENGLISH: Record<string, string> = {
  notifyPinMessage: 'Reminder: $1',
  notifyFollowUpMessage: 'No answer since $2: $1',
  notifySomeone: 'A conversation',
  notifySummaryTitle: '$1 conversations need you',
  notifySummaryMore: '$1 and $2 more',
  notifyDigestTitle: 'Turnkeeper: your day',
  notifyDigestMessage: 'Your turn: $1 · Follow up: $2 · Reminders due: $3',
  notifyBadgeTitle: 'Turnkeeper: $1 due now (your turn $2, follow up $3, reminders $4)',
  notifyBadgeTitleNone: 'Turnkeeper: nothing due now',
};

function say(key: string, subs: string[] = []): string {
  let text = '';
  try {
    text = browser.i18n.getMessage(key, subs);
  } catch {
    text = '';
  }
  if (text) return text;
  return (ENGLISH[key] ?? key).replace(/\$(\d)/g, (whole, n: string) => subs[Number(n) - 1] ?? whole);
}

const relative = (iso: string, now: Date) =>
  formatRelative(iso, now, (key, subs) => {
    try {
      return browser.i18n.getMessage(key, subs) || '';
    } catch {
      return '';
    }
  }) || formatRelative(iso, now);

/** The turn of the main conversation of a tab, for the collapsed sidebar tab's badge. */
export async function badgeForConversation(conversationId: string): Promise<SidebarApplyMessage['badge']> {
  const db = openDatabase();
  const now = new Date();
  const conversation = await getConversation(db, conversationId);
  if (!conversation) return null;
  const duePins = await duePinsOf(db, conversationId, now);
  return duePins.length ? 'pinned' : conversation.turn;
}

// ── one run ────────────────────────────────────────────────────────────────

/**
 * The due items that have not been handled yet, plus the keys of every follow-up due now (to prune what is
 * remembered). Reads the raw rows through the indexes first and builds views only for the few not yet handled, so a
 * run stays cheap with a large history (it happens after every ingest and every change). Subjects are filled in
 * later, for the items actually shown (withTitles).
 */
export async function collectCandidates(
  db: TurnkeeperDatabase,
  now: Date,
  notifiedFollowUps: Readonly<Record<string, string>>,
): Promise<{ candidates: DueItem[]; dueFollowUpKeys: Set<string> }> {
  const settings = await getSettings(db);
  const nowIso = now.toISOString();
  const cutoff = followUpCutoff(now, settings).toISOString();
  // Gone-quiet follow-ups are never notified (their pins still are): read only the live ones.
  const quiet = goneQuietCutoff(now, settings)?.toISOString() ?? null;
  const [overdue, pins] = await Promise.all([
    overdueConversationRows(db, cutoff, quiet),
    unnotifiedDuePins(db, now),
  ]);
  const dueFollowUpKeys = new Set<string>();
  const fresh: ConversationRecord[] = [];
  for (const c of overdue) {
    const key = followUpKey(c.id, c.lastMessageAt);
    dueFollowUpKeys.add(key);
    if (!notifiedFollowUps[key]) fresh.push(c);
  }
  const pinConversations = await getConversations(db, [...new Set(pins.map((p) => p.conversationId))]);
  const views = new Map(
    (await conversationViews(db, [...fresh, ...pinConversations], now, settings)).map((v) => [v.id, v]),
  );
  const names = (id: string) => views.get(id)?.people.map((p) => p.name).join(', ') ?? '';
  const candidates: DueItem[] = [];
  for (const pin of pins) {
    candidates.push({
      kind: 'pin',
      key: pin.id,
      conversationId: pin.conversationId,
      dueAt: pin.dueAt,
      person: names(pin.conversationId),
      subject: pin.note ?? '',
    });
  }
  for (const c of fresh) {
    const view = views.get(c.id);
    if (view?.turn !== 'follow-up' || view.goneQuiet) continue;
    const dueAt = view.followUpAt ?? view.turnSince ?? nowIso;
    candidates.push({
      kind: 'follow-up',
      key: followUpKey(c.id, c.lastMessageAt),
      conversationId: c.id,
      dueAt,
      person: names(c.id),
      subject: '',
      overdueWhenFirstSeen: Date.parse(dueAt) <= Date.parse(c.firstSeenAt),
    });
  }
  return { candidates, dueFollowUpKeys };
}

/** The items with their subject (else the first words of the newest message); a pin's note comes first. */
export async function withTitles(db: TurnkeeperDatabase, items: DueItem[]): Promise<DueItem[]> {
  if (!items.length) return items;
  const conversations = await getConversations(db, [...new Set(items.map((i) => i.conversationId))]);
  const titles = await conversationTitles(db, conversations);
  return items.map((item) => {
    const title = titles.get(item.conversationId) ?? '';
    const subject = item.kind === 'pin' && item.subject ? (title ? `${item.subject} — ${title}` : item.subject) : title;
    return { ...item, subject };
  });
}

async function showItem(item: DueItem, now: Date): Promise<void> {
  const subject = item.subject || say('notifySomeone');
  const message =
    item.kind === 'pin'
      ? say('notifyPinMessage', [notificationText(subject, MESSAGE_MAX - 12)])
      : say('notifyFollowUpMessage', [notificationText(subject, MESSAGE_MAX - 30), relative(item.dueAt, now)]);
  await browser.notifications.create(itemNotificationId(item), {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title: notificationText(item.person || say('notifySomeone'), TITLE_MAX),
    message: notificationText(message, MESSAGE_MAX),
  });
}

async function showSummary(items: DueItem[], now: Date): Promise<void> {
  const names = [...new Set(items.map((i) => i.person || say('notifySomeone')))];
  const shown = names.slice(0, 3).join(', ');
  const message = names.length > 3 ? say('notifySummaryMore', [shown, String(names.length - 3)]) : shown;
  await browser.notifications.create(listNotificationId('summary', now), {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title: notificationText(say('notifySummaryTitle', [String(items.length)]), TITLE_MAX),
    message: notificationText(message, MESSAGE_MAX),
  });
}

async function run(reason: RunReason, db: TurnkeeperDatabase, now: Date): Promise<void> {
  // 1. When the clock moved on (alarms, browser start), bring the cached turns up to it, so pages' live queries see
  //    theirs → follow-up. After an ingest or a change the record's own writes keep the cache right, and every query
  //    is clock-correct anyway, so a large history is not re-read then.
  if (CLOCK_REASONS.has(reason)) await refreshTurns(db, now);
  const settings = await getSettings(db);

  // 2. The badge: what is due now.
  const counts = await badgeCounts(db, now);
  await browser.action.setBadgeText({ text: badgeText(counts.total) });
  await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await browser.action.setTitle({
    title: counts.total
      ? say('notifyBadgeTitle', [counts.total, counts.mine, counts.followUp, counts.pinsDue].map(countLabel))
      : say('notifyBadgeTitleNone'),
  });

  // 3. Notifications, once per item.
  const stored = await browser.storage.local.get([NOTIFIED_FOLLOW_UPS, LAST_DIGEST]);
  const notified = (stored[NOTIFIED_FOLLOW_UPS] ?? {}) as Record<string, string>;
  const { candidates, dueFollowUpKeys } = await collectCandidates(db, now, notified);
  const plan = planNotifications(candidates, { mode: settings.notifications, now, reason });
  for (const item of await withTitles(db, plan.individual)) {
    await showItem(item, now).catch((e: unknown) => reportError('notify', e));
  }
  if (plan.summary) await showSummary(plan.summary, now).catch((e: unknown) => reportError('notify', e));
  const nowIso = now.toISOString();
  let remembered = false;
  for (const item of plan.handled) {
    if (item.kind === 'pin') await markPinNotified(db, item.key, now).catch(() => undefined);
    else {
      notified[item.key] = nowIso;
      remembered = true;
    }
  }
  const kept = pruneNotified(notified, dueFollowUpKeys, now);
  if (remembered || Object.keys(kept).length !== Object.keys(notified).length) {
    await browser.storage.local.set({ [NOTIFIED_FOLLOW_UPS]: kept });
  }

  // 4. The daily digest, at its hour (or once at start when the browser was closed at that hour).
  const lastDigestAt = typeof stored[LAST_DIGEST] === 'string' ? (stored[LAST_DIGEST] as string) : null;
  if (settings.notifications === 'digest' && digestDue(lastDigestAt, now, settings.digestHour, reason)) {
    await browser.storage.local.set({ [LAST_DIGEST]: nowIso });
    if (counts.total > 0) {
      await browser.notifications.create(listNotificationId('digest', now), {
        type: 'basic',
        iconUrl: browser.runtime.getURL('icons/icon-128.png'),
        title: say('notifyDigestTitle'),
        message: say('notifyDigestMessage', [counts.mine, counts.followUp, counts.pinsDue].map(countLabel)),
      });
    }
  }

  // 5. Alarms: the next due moment, the digest hour, and the safety net.
  const dueAt = nextDueAlarmAt(await nextDueAt(db, now), now);
  if (dueAt === null) await browser.alarms.clear(ALARM_DUE);
  else await browser.alarms.create(ALARM_DUE, { when: dueAt });
  if (settings.notifications === 'digest') {
    await browser.alarms.create(ALARM_DIGEST, { when: nextDigestAt(now, settings.digestHour).getTime() });
  } else {
    await browser.alarms.clear(ALARM_DIGEST);
  }
  const safety = await browser.alarms.get(ALARM_SAFETY);
  if (!safety) await browser.alarms.create(ALARM_SAFETY, { periodInMinutes: SAFETY_PERIOD_MINUTES });
}

let queue: Promise<void> = Promise.resolve();

/**
 * Re-derives the badge, shows what became due and sets the alarms. Safe to call at any time; runs one at a time.
 * `reason` says why (the digest rings only on its alarm, missed items at start are summarised). Never rejects: a
 * failure is reported and the next run starts afresh.
 */
export function refreshBadgeAndAlarms(reason: RunReason = 'changed', now?: () => Date): Promise<void> {
  queue = queue
    .then(() => run(reason, openDatabase(), now ? now() : new Date()))
    .catch((error: unknown) => reportError(`reminders (${reason})`, error));
  return queue;
}

/** An alarm rang. */
export function handleAlarm(alarm: { name: string }): Promise<void> {
  const reason: RunReason | null =
    alarm.name === ALARM_DUE ? 'alarm' : alarm.name === ALARM_SAFETY ? 'safety' : alarm.name === ALARM_DIGEST ? 'digest' : null;
  if (!reason) return Promise.resolve();
  return refreshBadgeAndAlarms(reason);
}

/** A notification was clicked: open its conversation (reusing the site's tab), or the dashboard for a summary. */
export async function handleNotificationClick(
  notificationId: string,
  openConversation: (url: string) => Promise<void>,
): Promise<void> {
  const target = parseNotificationId(notificationId);
  if (!target) return;
  await browser.notifications.clear(notificationId).catch(() => undefined);
  if (target.kind === 'dashboard') {
    await browser.runtime.openOptionsPage();
    return;
  }
  const conversation = await getConversation(openDatabase(), target.conversationId);
  if (conversation?.url) await openConversation(conversation.url);
  else await browser.runtime.openOptionsPage();
}
