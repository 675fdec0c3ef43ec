// Shared by the LinkedIn adapter tests: fixture loading and the clock the fixtures were "captured" at.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = resolve(here, '../../../fixtures/linkedin');
/** ../shared/real-pages beside the checkout (CI has it; a plain clone may not). */
export const REAL_PAGES = resolve(here, '../../../../../shared/real-pages');

export function fixtureHtml(name: string): string {
  return readFileSync(resolve(FIXTURES, name), 'utf8');
}

export function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

export function fixture(name: string): Document {
  return parse(fixtureHtml(name));
}

/** Thu 12 Nov 2026, 15:00 local time: the moment the 2026-11 fixtures show. */
export const NOW = new Date(2026, 10, 12, 15, 0);
/** Wed 3 Jun 2026, 10:00 local time: the moment the 2026-06 hashed fixture shows. */
export const NOW_JUNE = new Date(2026, 5, 3, 10, 0);

/** Local wall-clock time as ISO (what a heading + group time resolves to). */
export const local = (y: number, m: number, d: number, h: number, min: number): string =>
  new Date(y, m - 1, d, h, min).toISOString();

export const CONV_JANE = '7f3a2c9b-1e84-4d2e-9b61-0a5e3c7d9f12_010';
export const CONV_CARLOS = 'c41d0e77-58b2-4a9f-8e3c-2b7f6d1a9e40_010';
export const CONV_ES = '5a8e3f21-0c7d-4b96-91e2-d3f4a6b8c0e5_010';
export const CONV_ZH = 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b_010';
export const CONV_HASHED = '9e2b7c10-3f6a-4c81-a5d4-6e0b2f9c3a77_100';
export const CONV_FR = '0d9c8b7a-6f5e-4d3c-2b1a-9f8e7d6c5b4a_010';

export const threadPage = (conv: string): URL =>
  new URL(`https://www.linkedin.com/messaging/thread/2-${btoa(conv)}/`);

export const urnFor = (iso: string, suffix: string, conv: string): string =>
  `urn:li:msg_message:(urn:li:fsd_profile:ACoAAB1xMeAl3xRvr,2-${btoa(`${Date.parse(iso)}${suffix}&${conv}`)})`;

export const JANE_MEMBER = 'https://www.linkedin.com/in/ACoAAC9JaNeDoEx1/';
export const JANE_VANITY = 'https://www.linkedin.com/in/jane-doe-4a1b2c/';
export const ME_MEMBER = 'https://www.linkedin.com/in/ACoAAB1xMeAl3xRvr/';
export const ME_VANITY = 'https://www.linkedin.com/in/alex-rivera-sales/';
