// The end-to-end tests' clock. Time itself is real (the extension's alarms, IndexedDB and service worker all run on
// it); what a test controls is the time of day, by running the browser in a time zone where it is the wanted hour
// now. The demo pages are written in the same zone, so the page, the extension and the expectations share one clock.
// `TURNKEEPER_E2E_LOCAL_TIME=00:10 npm run test:e2e` runs every file as if just after midnight; unset, at midday.
import { wallClock } from '../demo/demo-pages.mjs';

export interface E2eClock {
  /** The moment the demo pages are written relative to. */
  now: Date;
  /** The IANA zone the browser runs in (its `TZ`). */
  timeZone: string;
  /** The browser's wall clock at `now`, "HH:MM". */
  localTime: string;
}

// Zones without daylight saving: every whole-hour offset (Etc/GMT+N is N hours *behind* UTC), and the real zones
// with half- and quarter-hour offsets, which bring the wall clock closer to a wanted minute.
const ZONES = [
  ...Array.from({ length: 12 }, (_, i) => `Etc/GMT+${i + 1}`),
  'Etc/GMT',
  ...Array.from({ length: 14 }, (_, i) => `Etc/GMT-${i + 1}`),
  'Asia/Kolkata',
  'Asia/Kabul',
  'Asia/Yangon',
  'Asia/Kathmandu',
  'Australia/Darwin',
  'Australia/Eucla',
  'Pacific/Marquesas',
];

const MINUTES_PER_DAY = 24 * 60;
/** A file takes well under this; a wall clock closer than this to midnight could cross it mid-test. */
const MARGIN_BEFORE_MIDNIGHT = 8;

const minutesOf = (hhmm: string): number => {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) throw new Error(`a local time is HH:MM, not "${hhmm}"`);
  return Number(match[1]) * 60 + Number(match[2]);
};
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * A clock whose wall clock reads as close to `target` ("HH:MM") as a real zone allows: within the hour around it, on
 * the same day, and never in the last minutes before midnight (a test must not see the date change under it).
 */
export function clockAt(target: string, now = new Date()): E2eClock {
  const wanted = minutesOf(target);
  const earliest = Math.max(0, wanted - 60);
  const latest = Math.min(MINUTES_PER_DAY - MARGIN_BEFORE_MIDNIGHT, wanted + 60);
  let best: E2eClock | undefined;
  let bestDistance = Infinity;
  for (const timeZone of ZONES) {
    const { hour, minute } = wallClock(now, timeZone);
    const local = hour * 60 + minute;
    if (local < earliest || local >= latest) continue;
    const distance = Math.abs(local - wanted);
    if (distance < bestDistance) {
      best = { now, timeZone, localTime: hhmm(local) };
      bestDistance = distance;
    }
  }
  if (!best) throw new Error(`no time zone has a wall clock near ${target} now`);
  return best;
}

/** The clock of a test file: midday, or the time of day in TURNKEEPER_E2E_LOCAL_TIME. */
export function fileClock(): E2eClock {
  return clockAt(process.env.TURNKEEPER_E2E_LOCAL_TIME ?? '12:00');
}
