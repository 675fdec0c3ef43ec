// The "me" a seller confirms in the history import's plan is kept in settings (issue 16): the next plan is pre-filled
// with it, and a page read afterwards counts those addresses and that profile as the seller's.
import { describe, expect, it } from 'vitest';
import { ingestSnapshot } from '../../../src/db/ingest';
import { rememberConfirmedMe } from '../../../src/db/remember-me';
import { getSettings, saveSettings } from '../../../src/db/settings';
import { at, ctx, DANA, DANA_LI, gmail, linkedin, makeDb, msg, NOW } from './helpers';

const ALIAS = { name: 'Sam (sales)', email: 'sales@seller.io', isMe: false };
const OTHER_PROFILE = 'https://www.linkedin.com/in/sam-old-account/';

describe('remembering who "me" is', () => {
  it('the corrected addresses replace the saved ones they were pre-filled with', async () => {
    const db = makeDb();
    await saveSettings(db, { myEmails: ['sam@seller.io', 'typo@seler.io'] }, NOW);
    await rememberConfirmedMe(db, { emails: ['sam@seller.io', ' Sales@Seller.io '] }, NOW);
    expect((await getSettings(db)).myEmails).toEqual(['sam@seller.io', 'sales@seller.io']);
  });

  it('a page read afterwards counts the confirmed address as mine: my message last, their turn', async () => {
    const db = makeDb();
    await rememberConfirmedMe(db, { emails: ['sales@seller.io'] }, NOW);
    await ingestSnapshot(db, gmail('t1', [msg('m1', DANA, at(7), 'Any news?'), msg('m2', ALIAS, at(8), 'Sending it today.')]), ctx());
    expect(await db.conversations.get('gmail:t1')).toMatchObject({ turn: 'theirs', lastFromMe: true });
    expect(await db.messages.get('gmail:t1|m2')).toMatchObject({ fromMe: true });
  });

  it('a cleared or unreadable addresses field keeps the saved addresses', async () => {
    const db = makeDb();
    await saveSettings(db, { myEmails: ['sam@seller.io'] }, NOW);
    await rememberConfirmedMe(db, { emails: [] }, NOW);
    await rememberConfirmedMe(db, { emails: ['not an address'] }, NOW);
    expect((await getSettings(db)).myEmails).toEqual(['sam@seller.io']);
  });

  it('the chosen profile takes the place of the saved one it was pre-filled with; other saved profiles stay', async () => {
    const db = makeDb();
    const wrong = 'https://www.linkedin.com/in/dana-buyer/';
    await saveSettings(db, { myProfiles: [wrong, OTHER_PROFILE] }, NOW);
    await rememberConfirmedMe(db, { profile: { chosen: 'linkedin.com/in/Sam-Seller', prefilled: wrong } }, NOW);
    expect((await getSettings(db)).myProfiles).toEqual(['https://www.linkedin.com/in/sam-seller/', OTHER_PROFILE]);
  });

  it('a profile the file suggested is added to the saved ones, and pages read afterwards count it as mine', async () => {
    const db = makeDb();
    await saveSettings(db, { myProfiles: [OTHER_PROFILE] }, NOW);
    await rememberConfirmedMe(db, { profile: { chosen: 'https://www.linkedin.com/in/sam-seller', prefilled: null } }, NOW);
    expect((await getSettings(db)).myProfiles.sort()).toEqual([OTHER_PROFILE, 'https://www.linkedin.com/in/sam-seller/'].sort());
    const sam = { name: 'Sam Seller', profileUrl: 'https://www.linkedin.com/in/sam-seller/', isMe: false };
    await ingestSnapshot(db, linkedin('2-abc', [msg('a', DANA_LI, at(7), 'Hi Sam'), msg('b', sam, at(8), 'Hi Dana')]), ctx());
    expect(await db.conversations.get('linkedin:2-abc')).toMatchObject({ turn: 'theirs', lastFromMe: true });
  });
});
