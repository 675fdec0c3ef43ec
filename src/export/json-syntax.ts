// Where a JSON text goes wrong, with a reason, independently of the engine's error message (V8 does not always give
// a position, Firefox words it differently). Only run after JSON.parse failed. Iterative: deep nesting cannot
// overflow the stack.

export interface JsonSyntaxProblem {
  /** Offset in UTF-16 code units. */
  offset: number;
  line: number;
  column: number;
  /** The text ended before the value was complete (a truncated file). */
  atEnd: boolean;
  reason: string;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const NUMBERISH_RE = /[-+0-9.eE]*/y;
const HEX4_RE = /^[0-9a-fA-F]{4}$/;

function show(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${ch}"`;
}

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | null {
  const n = text.length;
  const stack: string[] = [];
  type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';
  let expect = 'value' as Expect;
  let i = 0;

  const fail = (offset: number, reason: string): JsonSyntaxProblem => {
    const atEnd = offset >= n;
    return { offset, ...lineColumn(text, offset), atEnd, reason: atEnd ? 'the text ends too early' : reason };
  };
  const afterValue = () => {
    expect = stack.length ? 'comma-or-close' : 'end';
  };
  // Returns an error or null; advances i past the string.
  const scanString = (): JsonSyntaxProblem | null => {
    i++;
    for (;;) {
      if (i >= n) return fail(n, '');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === undefined) return fail(n, '');
        if (e === 'u') {
          if (i + 6 > n) return fail(n, '');
          if (!HEX4_RE.test(text.slice(i + 2, i + 6))) return fail(i, 'a \\u escape needs four hexadecimal digits');
          i += 6;
        } else if ('"\\/bfnrt'.includes(e)) i += 2;
        else return fail(i, `"\\${e}" is not a valid escape`);
        continue;
      }
      if (c < 0x20) return fail(i, `${show(text[i]!)} must be escaped inside a string`);
      i++;
    }
  };

  for (;;) {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
    if (i >= n) return expect === 'end' ? null : fail(n, '');
    const ch = text[i]!;
    switch (expect) {
      case 'value':
      case 'value-or-close': {
        if (ch === ']' && expect === 'value-or-close') {
          stack.pop();
          i++;
          afterValue();
        } else if (ch === '{') {
          stack.push('{');
          i++;
          expect = 'key-or-close';
        } else if (ch === '[') {
          stack.push('[');
          i++;
          expect = 'value-or-close';
        } else if (ch === '"') {
          const e = scanString();
          if (e) return e;
          afterValue();
        } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
          NUMBER_RE.lastIndex = i;
          const m = NUMBER_RE.exec(text);
          NUMBERISH_RE.lastIndex = i;
          const rough = NUMBERISH_RE.exec(text)![0].length;
          // A number cut off by the end of the text ("-", "1.", "5e-") means a truncated file.
          if ((!m || m[0].length < rough) && i + rough >= n) return fail(n, '');
          if (!m) return fail(i, 'this is not a valid number');
          i += m[0].length;
          afterValue();
        } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
          i += 4;
          afterValue();
        } else if (text.startsWith('false', i)) {
          i += 5;
          afterValue();
        } else if (n - i < 5 && ['true', 'false', 'null'].some((w) => w.startsWith(text.slice(i, n)))) {
          return fail(n, '');
        } else {
          const was = ch === ']' || ch === '}' || ch === ',' ? ` (a value was expected; a trailing comma?)` : ' where a value was expected';
          return fail(i, `unexpected ${show(ch)}${was}`);
        }
        break;
      }
      case 'key':
      case 'key-or-close': {
        if (ch === '}' && expect === 'key-or-close') {
          stack.pop();
          i++;
          afterValue();
        } else if (ch === '"') {
          const e = scanString();
          if (e) return e;
          expect = 'colon';
        } else {
          const hint = ch === '}' ? ' (a trailing comma?)' : '';
          return fail(i, `expected a property name in double quotes, found ${show(ch)}${hint}`);
        }
        break;
      }
      case 'colon':
        if (ch !== ':') return fail(i, `expected ":" after the property name, found ${show(ch)}`);
        i++;
        expect = 'value';
        break;
      case 'comma-or-close': {
        const top = stack[stack.length - 1];
        if (ch === ',') {
          i++;
          expect = top === '{' ? 'key' : 'value';
        } else if ((ch === '}' && top === '{') || (ch === ']' && top === '[')) {
          stack.pop();
          i++;
          afterValue();
        } else {
          return fail(i, `expected "," or "${top === '{' ? '}' : ']'}", found ${show(ch)}`);
        }
        break;
      }
      case 'end':
        return fail(i, `unexpected ${show(ch)} after the end of the data`);
    }
  }
}
