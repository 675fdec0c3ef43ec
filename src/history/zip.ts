// Reads the entries of a zip (Takeout's, LinkedIn's) from a File, through its central directory: the directory at
// the end of the file gives each entry's exact offset and compressed size (ZIP64 fields included, so entries and
// archives over 4 GB are read right), and each entry is then streamed with `file.slice(…).stream()` and inflated
// with fflate's streaming Inflate. Entries that cannot hold an mbox or a messages.csv are never read.
//
// Why not fflate's streaming Unzip: for entries written with a data descriptor (as streaming zippers write them) it
// finds an entry's end by scanning the compressed bytes for the descriptor's 4-byte signature, which random
// compressed data contains about once per 1.4 GB: a multi-GB Takeout mbox would be cut short. A zip whose end is
// missing (an incomplete download) has no directory: that is said clearly instead.
import { Inflate } from 'fflate';
import { HistoryError } from './errors';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; others are not read. */
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  encrypted: boolean;
}

const u16 = (d: Uint8Array, o: number) => d[o]! | (d[o + 1]! << 8);
const u32 = (d: Uint8Array, o: number) => (d[o]! | (d[o + 1]! << 8) | (d[o + 2]! << 16) | (d[o + 3]! << 24)) >>> 0;
const u64 = (d: Uint8Array, o: number) => u32(d, o) + u32(d, o + 4) * 2 ** 32;
const MAX32 = 0xffffffff;

async function bytesAt(file: Blob, start: number, end: number, name: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await file.slice(start, end).arrayBuffer());
  } catch (e) {
    throw new HistoryError('historyReadFailed', name, e instanceof Error ? e.name : 'read error');
  }
}

const INCOMPLETE = 'no zip directory at its end: an incomplete download?';

/** The entries listed in the zip's central directory. Throws a HistoryError naming the file when there is none. */
export async function zipDirectory(file: Blob, name: string): Promise<ZipEntry[]> {
  const size = file.size;
  const tailStart = Math.max(0, size - (22 + 65535 + 20));
  const tail = await bytesAt(file, tailStart, size, name);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new HistoryError('historyZipBroken', name, INCOMPLETE);
  let count = u16(tail, eocd + 10);
  let cdSize = u32(tail, eocd + 12);
  let cdOffset = u32(tail, eocd + 16);
  if (count === 0xffff || cdSize === MAX32 || cdOffset === MAX32) {
    const loc = eocd - 20;
    if (loc < 0 || u32(tail, loc) !== 0x07064b50) throw new HistoryError('historyZipBroken', name, 'a ZIP64 zip without its locator');
    const at = u64(tail, loc + 8);
    const z64 = await bytesAt(file, at, at + 56, name);
    if (u32(z64, 0) !== 0x06064b50) throw new HistoryError('historyZipBroken', name, 'a ZIP64 directory not where it is said to be');
    count = u64(z64, 32);
    cdSize = u64(z64, 40);
    cdOffset = u64(z64, 48);
  }
  if (cdOffset + cdSize > size) throw new HistoryError('historyZipBroken', name, INCOMPLETE);
  const cd = await bytesAt(file, cdOffset, cdOffset + cdSize, name);
  const entries: ZipEntry[] = [];
  const utf8 = new TextDecoder();
  let p = 0;
  for (let k = 0; k < count && p + 46 <= cd.length && u32(cd, p) === 0x02014b50; k++) {
    const flags = u16(cd, p + 8);
    const nameLen = u16(cd, p + 28);
    const extraLen = u16(cd, p + 30);
    const commentLen = u16(cd, p + 32);
    const entry: ZipEntry = {
      name: utf8.decode(cd.subarray(p + 46, p + 46 + nameLen)),
      method: u16(cd, p + 10),
      compressedSize: u32(cd, p + 20),
      size: u32(cd, p + 24),
      localOffset: u32(cd, p + 42),
      encrypted: !!(flags & 1),
    };
    // ZIP64 extra field: the 64-bit values of the fields that hold 0xFFFFFFFF, in this order.
    for (let e = p + 46 + nameLen, end = e + extraLen; e + 4 <= end; e += 4 + u16(cd, e + 2)) {
      if (u16(cd, e) !== 1) continue;
      let f = e + 4;
      if (entry.size === MAX32) (entry.size = u64(cd, f)), (f += 8);
      if (entry.compressedSize === MAX32) (entry.compressedSize = u64(cd, f)), (f += 8);
      if (entry.localOffset === MAX32) entry.localOffset = u64(cd, f);
      break;
    }
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Entry names worth reading to look at: mail and CSV files, or files without an extension. */
export function worthLooking(entry: ZipEntry): boolean {
  if (entry.name.endsWith('/') || entry.encrypted || (entry.method !== 0 && entry.method !== 8)) return false;
  const base = entry.name.slice(entry.name.lastIndexOf('/') + 1);
  return /\.(?:mbox|csv|txt|eml)$/i.test(base) || !base.includes('.');
}

export interface EntryReader {
  /** The next inflated bytes, or null at the end of the entry. */
  read(): Promise<Uint8Array | null>;
  /** Compressed bytes read so far. */
  readonly compressedRead: number;
  cancel(): Promise<void>;
}

/** Streams one entry's uncompressed bytes. Errors (a corrupt entry, a file changed on disk) name the zip. */
export async function openEntry(file: Blob, entry: ZipEntry, name: string): Promise<EntryReader> {
  const local = await bytesAt(file, entry.localOffset, entry.localOffset + 30, name);
  if (u32(local, 0) !== 0x04034b50) throw new HistoryError('historyZipBroken', name, `no entry where the directory puts ${entry.name}`);
  const start = entry.localOffset + 30 + u16(local, 26) + u16(local, 28);
  const reader = file.slice(start, start + entry.compressedSize).stream().getReader();
  const out: Uint8Array[] = [];
  let failed: unknown = null;
  let inflate: Inflate | null = null;
  if (entry.method === 8) {
    inflate = new Inflate((data) => {
      if (data.length) out.push(data);
    });
  }
  let done = false;
  let compressedRead = 0;
  return {
    get compressedRead() {
      return compressedRead;
    },
    async read() {
      while (!out.length && !done) {
        let r: ReadableStreamReadResult<Uint8Array>;
        try {
          r = await reader.read();
        } catch (e) {
          throw new HistoryError('historyReadFailed', name, e instanceof Error ? e.name : 'read error');
        }
        try {
          if (r.done) {
            done = true;
            if (compressedRead !== entry.compressedSize) throw new Error('entry shorter than the directory says');
            inflate?.push(new Uint8Array(0), true);
          } else {
            compressedRead += r.value.length;
            if (inflate) inflate.push(r.value, false);
            else if (r.value.length) out.push(r.value);
          }
        } catch (e) {
          failed = e;
        }
        if (failed) {
          const detail = `${entry.name}: ${failed instanceof Error ? failed.message.slice(0, 80) : 'corrupt data'}`;
          throw new HistoryError('historyZipBroken', name, detail);
        }
      }
      return out.shift() ?? null;
    },
    async cancel() {
      done = true;
      await reader.cancel().catch(() => {});
    },
  };
}
