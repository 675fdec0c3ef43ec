// Whether the page wears a dark theme (Gmail's dark themes, LinkedIn's dark mode), so the sidebar beside it can match
// even when the system is light. Read from the main pane's background: the sites' theme classes change, colours do not.

const CHECK_EVERY_MS = 5_000;
let checkedAt = -Infinity;
let known: 'light' | 'dark' | undefined;

function luminance(color: string): number | null {
  const parts = color.match(/[\d.]+/g);
  if (!parts || parts.length < 3) return null;
  if (parts.length >= 4 && Number(parts[3]) === 0) return null; // transparent
  const [r, g, b] = parts.slice(0, 3).map((part) => Number(part) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** 'dark' or 'light' from the first opaque background around the main pane; at most one style read per 5 s. */
export function pageTheme(doc: Document, now = performance.now()): 'light' | 'dark' | undefined {
  if (now - checkedAt < CHECK_EVERY_MS) return known;
  checkedAt = now;
  const view = doc.defaultView;
  if (!view) return known;
  for (let element: Element | null = doc.querySelector('[role="main"]') ?? doc.body; element; element = element.parentElement) {
    const level = luminance(view.getComputedStyle(element).backgroundColor);
    if (level !== null) {
      known = level < 0.4 ? 'dark' : 'light';
      return known;
    }
  }
  known = undefined;
  return known;
}
