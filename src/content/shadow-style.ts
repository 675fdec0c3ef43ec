// Styles the content script's closed shadow roots (the sidebar's host, the list chips). Where the browser lets a
// content script adopt a constructed style sheet, one sheet per text is shared by every root: a chip host moved into a
// re-rendered row brings no `<style>` to be taken in again (measured by `npm run bench`, section lists). Where adopting
// throws (Firefox content scripts have refused it, Mozilla bug 1770592; a root in another document than the sheet's
// would too), roots get a `<style>` from then on. The Firefox end-to-end test checks the sidebar is styled there.

const sheets = new Map<string, CSSStyleSheet>();
let adoptable = true;

/** Gives `root` the style sheet `css`: adopted, else a `<style>` appended now (so call it before filling the root). */
export function styleRoot(root: ShadowRoot, css: string): void {
  if (adoptable) {
    try {
      let sheet = sheets.get(css);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        sheets.set(css, sheet);
      }
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      adoptable = false;
    }
  }
  const style = root.ownerDocument.createElement('style');
  style.textContent = css;
  root.append(style);
}
