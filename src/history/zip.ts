// Streams the entries of a zip (Takeout's, LinkedIn's) with fflate's Unzip: entries that could hold an mbox or a
// messages.csv are inflated and recognised by content; the others are skipped without being inflated.
//
// fflate 0.8.3 reads ZIP64 sizes from a local header's extra field, and entries written with a data descriptor
// (sizes after the data, as streaming zippers write them) are delimited by scanning for the descriptor's signature:
// a compressed stream that happens to contain those 4 bytes would end the entry early. The inflater then reports
// an error and the import stops with a message naming the zip; nothing is silently lost.
import { Unzip, UnzipInflate, type UnzipDecoder, type UnzipFile } from 'fflate';
import { kindOf } from './sniff';
import type { FileKind } from './types';

export interface EntrySink {
  push(bytes: Uint8Array): void;
  finish(): void;
}

export interface ZipHandlers {
  /** A recognised entry starts; return where its bytes go. */
  entry(name: string, kind: 'mbox' | 'linkedin-csv'): EntrySink;
}

/** Entry names worth inflating to look at: mail and CSV files, or files without an extension. */
function worthLooking(name: string): boolean {
  if (name.endsWith('/')) return false;
  const base = name.slice(name.lastIndexOf('/') + 1);
  return /\.(?:mbox|csv|txt|eml)$/i.test(base) || !base.includes('.');
}

class SkippingInflate implements UnzipDecoder {
  static readonly compression = 8;
  ondata: UnzipDecoder['ondata'] = () => {};
  private readonly inner: UnzipInflate | null;
  constructor(name: string) {
    this.inner = worthLooking(name) ? new UnzipInflate() : null;
    if (this.inner) this.inner.ondata = (err, data, final) => this.ondata(err, data, final);
  }
  push(chunk: Uint8Array, final: boolean): void {
    if (this.inner) this.inner.push(chunk, final);
    else if (final) this.ondata(null, new Uint8Array(0), true);
  }
}

const HEAD_BYTES = 4096;

/** Feeds zip bytes; recognised entries go to the handlers. Errors are kept and thrown from `push`/`finish`. */
export class ZipReader {
  private readonly unzip: Unzip;
  private error: unknown = null;
  readonly found: { name: string; kind: FileKind }[] = [];

  constructor(handlers: ZipHandlers) {
    this.unzip = new Unzip((file: UnzipFile) => {
      const look = worthLooking(file.name);
      let head: Uint8Array[] | null = look ? [] : null;
      let headLen = 0;
      let sink: EntrySink | null = null;
      const decide = () => {
        const all = new Uint8Array(headLen);
        let o = 0;
        for (const c of head!) {
          all.set(c, o);
          o += c.length;
        }
        head = null;
        let kind: FileKind | null = null;
        try {
          kind = kindOf(all, file.name);
        } catch {
          kind = null; // a gzip or a JSON inside a zip: not ours to read
        }
        if (kind === 'mbox' || kind === 'linkedin-csv') {
          this.found.push({ name: file.name, kind });
          sink = handlers.entry(file.name, kind);
          sink.push(all);
        }
      };
      file.ondata = (err, data, final) => {
        if (err) {
          this.error ??= err;
          return;
        }
        try {
          if (head) {
            if (data.length) {
              head.push(data.slice());
              headLen += data.length;
            }
            if (headLen >= HEAD_BYTES || final) decide();
          } else if (sink && data.length) sink.push(data);
          if (final && sink) sink.finish();
        } catch (e) {
          this.error ??= e;
        }
      };
      file.start();
    });
    this.unzip.register(SkippingInflate);
  }

  push(chunk: Uint8Array, final: boolean): void {
    try {
      this.unzip.push(chunk, final);
    } catch (e) {
      this.error ??= e;
    }
    if (this.error) throw this.error;
  }
}
