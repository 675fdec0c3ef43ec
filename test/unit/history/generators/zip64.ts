// Hand-written writer of small zips in the layouts streaming zippers produce for large archives (following the
// PKWARE APPNOTE 6.3.10 layout): ZIP64 size and offset fields (0xFFFFFFFF in the 32-bit fields, the real values in
// the ZIP64 extra field, a ZIP64 end-of-directory record and locator), and data descriptors (sizes zero in the local
// header, given after the data). CRCs are written as 0: the importer does not check them.
import { deflateSync } from 'fflate';

const le = (n: number, bytes: number): number[] => {
  const out: number[] = [];
  for (let i = 0; i < bytes; i++) out.push(Math.floor(n / 2 ** (8 * i)) & 0xff);
  return out;
};

export interface ZipInput {
  name: string;
  data: Uint8Array;
  deflate?: boolean;
}

export function writeZip(entries: ZipInput[], opts: { zip64?: boolean; dataDescriptor?: boolean } = {}): Uint8Array {
  const out: number[] = [];
  const central: number[] = [];
  const FF = 0xffffffff;
  for (const e of entries) {
    const name = Array.from(new TextEncoder().encode(e.name));
    const body = e.deflate ? deflateSync(e.data) : e.data;
    const offset = out.length;
    const z = !!opts.zip64;
    const dd = !!opts.dataDescriptor;
    const extraLocal = z ? [...le(1, 2), ...le(16, 2), ...le(dd ? 0 : e.data.length, 8), ...le(dd ? 0 : body.length, 8)] : [];
    out.push(...le(0x04034b50, 4), ...le(z ? 45 : 20, 2), ...le((dd ? 8 : 0) | 0x800, 2), ...le(e.deflate ? 8 : 0, 2), 0, 0, 0, 0);
    out.push(...le(0, 4)); // crc
    out.push(...le(z ? FF : dd ? 0 : body.length, 4), ...le(z ? FF : dd ? 0 : e.data.length, 4));
    out.push(...le(name.length, 2), ...le(extraLocal.length, 2), ...name, ...extraLocal);
    for (const b of body) out.push(b);
    if (dd) out.push(...le(0x08074b50, 4), ...le(0, 4), ...le(body.length, z ? 8 : 4), ...le(e.data.length, z ? 8 : 4));
    const extraCentral = z ? [...le(1, 2), ...le(24, 2), ...le(e.data.length, 8), ...le(body.length, 8), ...le(offset, 8)] : [];
    central.push(...le(0x02014b50, 4), ...le(z ? 45 : 20, 2), ...le(z ? 45 : 20, 2), ...le((dd ? 8 : 0) | 0x800, 2), ...le(e.deflate ? 8 : 0, 2), 0, 0, 0, 0);
    central.push(...le(0, 4), ...le(z ? FF : body.length, 4), ...le(z ? FF : e.data.length, 4));
    central.push(...le(name.length, 2), ...le(extraCentral.length, 2), ...le(0, 2), ...le(0, 2), ...le(0, 2), ...le(0, 4));
    central.push(...le(z ? FF : offset, 4), ...name, ...extraCentral);
  }
  const cdOffset = out.length;
  out.push(...central);
  if (opts.zip64) {
    const z64At = out.length;
    out.push(...le(0x06064b50, 4), ...le(44, 8), ...le(45, 2), ...le(45, 2), ...le(0, 4), ...le(0, 4));
    out.push(...le(entries.length, 8), ...le(entries.length, 8), ...le(central.length, 8), ...le(cdOffset, 8));
    out.push(...le(0x07064b50, 4), ...le(0, 4), ...le(z64At, 8), ...le(1, 4));
    out.push(...le(0x06054b50, 4), 0, 0, 0, 0, ...le(0xffff, 2), ...le(0xffff, 2), ...le(FF, 4), ...le(FF, 4), 0, 0);
  } else {
    out.push(...le(0x06054b50, 4), 0, 0, 0, 0, ...le(entries.length, 2), ...le(entries.length, 2), ...le(central.length, 4), ...le(cdOffset, 4), 0, 0);
  }
  return Uint8Array.from(out);
}
