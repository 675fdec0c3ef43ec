// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { linkedin } from '../../../../src/sites/linkedin';
import { CONV_JANE, JANE_VANITY, NOW, fixture, fixtureHtml, parse } from './fixtures';

const PROFILE = new URL('https://www.linkedin.com/in/jane-doe-4a1b2c/');
const JANE = { site: 'linkedin', name: 'Jane Doe', profileUrl: JANE_VANITY };

describe('profile pages', () => {
  test('2026 server-driven: name from the Topcard h2, headline after it; the open bubble is still read', () => {
    const r = linkedin.readThreads(fixture('2026-11-profile-server-driven-en.html'), PROFILE, NOW);
    expect(r.profile).toEqual({ ...JANE, headline: 'VP Operations at Northwind · Building calmer supply chains' });
    expect(r.problems).toEqual([]);
    expect(r.threads.map((t) => [t.threadId, t.messages.length])).toEqual([[CONV_JANE, 1]]);
  });

  test('public logged-out page: h1 and headline; JSON-LD when the h1 is missing', () => {
    const url = new URL('https://www.linkedin.com/in/jane-doe-4a1b2c');
    const r = linkedin.readThreads(fixture('2025-12-profile-public-jsonld-en.html'), url, NOW);
    expect(r.profile).toEqual({ ...JANE, headline: 'VP Operations at Northwind · Building calmer supply chains' });
    expect(r.threads).toEqual([]);
    expect(r.problems).toEqual([]);

    const doc = fixture('2025-12-profile-public-jsonld-en.html');
    doc.querySelector('h1')!.remove();
    doc.querySelector('h2.top-card-layout__headline')!.remove();
    expect(linkedin.readThreads(doc, url, NOW).profile).toEqual({ ...JANE, headline: 'VP Operations' });
  });

  test('classic page opened by member id: the vanity URL comes from the canonical link', () => {
    const url = new URL('https://www.linkedin.com/in/ACoAAC9JaNeDoEx1/');
    const r = linkedin.readThreads(fixture('2024-05-profile-classic-en.html'), url, NOW);
    expect(r.profile).toEqual({ ...JANE, headline: 'VP Operations at Northwind' });
  });

  test('member-id URL with no vanity anywhere keeps the member id', () => {
    const doc = fixture('2024-05-profile-classic-en.html');
    doc.querySelector('link[rel="canonical"]')!.remove();
    const r = linkedin.readThreads(doc, new URL('https://www.linkedin.com/in/ACoAAC9JaNeDoEx1/'), NOW);
    expect(r.profile?.profileUrl).toBe('https://www.linkedin.com/in/ACoAAC9JaNeDoEx1/');
  });

  test('the address bar wins over a stale canonical link after in-app navigation', () => {
    const html = fixtureHtml('2024-05-profile-classic-en.html').replace('>Jane Doe</h1>', '>John Smith</h1>');
    const r = linkedin.readThreads(parse(html), new URL('https://www.linkedin.com/in/john-smith-77/'), NOW);
    expect(r.profile).toMatchObject({ name: 'John Smith', profileUrl: 'https://www.linkedin.com/in/john-smith-77/' });
  });

  test('malformed JSON-LD is reported and does not stop the read', () => {
    const html = fixtureHtml('2025-12-profile-public-jsonld-en.html').replace(
      '<script type="application/ld+json">{',
      '<script type="application/ld+json">{ "@graph": [ oops </script><script type="application/ld+json">{',
    );
    const r = linkedin.readThreads(parse(html), PROFILE, NOW);
    expect(r.problems).toEqual(['profile: JSON-LD not parseable']);
    expect(r.profile?.name).toBe('Jane Doe');
  });

  test('a profile page without a name: a problem, no profile, no throw', () => {
    const r = linkedin.readThreads(parse('<html><body><main><h2>Jane</h2></main></body></html>'), PROFILE, NOW);
    expect(r.profile).toBeUndefined();
    expect(r.problems).toEqual(['profile: no name found']);
  });

  test('no profile outside /in/ pages', () => {
    const r = linkedin.readThreads(fixture('2025-12-profile-public-jsonld-en.html'), new URL('https://www.linkedin.com/feed/'), NOW);
    expect(r).not.toHaveProperty('profile');
  });
});
