// The toolbar badge and the collapsed sidebar tab's badge.
import browser from 'webextension-polyfill';
import { openDatabase } from '../db/database';
import type { SidebarApplyMessage } from '../messages';

export async function badgeForConversation(conversationId: string): Promise<SidebarApplyMessage['badge']> {
  const db = openDatabase();
  const conversation = await db.conversations.get(conversationId);
  return conversation?.turn ?? null;
}

export async function refreshBadgeAndAlarms(): Promise<void> {
  const db = openDatabase();
  const due = await db.conversations.where('turn').anyOf('mine', 'follow-up').count();
  await browser.action.setBadgeText({ text: due ? String(due) : '' });
  await browser.action.setBadgeBackgroundColor({ color: '#b45309' });
}
