// Draws the toolbar and store icons as PNGs (public/icons). Run by hand when the icon changes:
// `node test/tools/draw-icons.mjs`. No image library: a tiny PNG encoder and 4x supersampling are enough for a flat icon.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// The mark: a teal rounded square, a white ring open at the top right (a turn), and a dot (whose turn it is).
function shade(u, v) {
  const inSquare = (() => {
    const r = 0.22, m = 0.04;
    const dx = Math.max(Math.abs(u - 0.5) - (0.5 - m - r), 0);
    const dy = Math.max(Math.abs(v - 0.5) - (0.5 - m - r), 0);
    return dx * dx + dy * dy <= r * r;
  })();
  if (!inSquare) return null;
  const dx = u - 0.5, dy = v - 0.5, d = Math.hypot(dx, dy);
  const angle = Math.atan2(-dy, dx);
  const ring = d > 0.23 && d < 0.32 && !(angle > 0.15 && angle < 1.25);
  const dot = Math.hypot(u - 0.5, v - 0.5) < 0.09;
  return ring || dot ? [255, 255, 255] : [15, 118, 110];
}

mkdirSync('public/icons', { recursive: true });
for (const size of [16, 32, 48, 128]) {
  const s = 4;
  const buf = png(size, (x, y) => {
    let r = 0, g = 0, b = 0, a = 0;
    for (let i = 0; i < s; i++)
      for (let j = 0; j < s; j++) {
        const c = shade((x + (i + 0.5) / s) / size, (y + (j + 0.5) / s) / size);
        if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
      }
    return a ? [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / (s * s))] : [0, 0, 0, 0];
  });
  writeFileSync(`public/icons/icon-${size}.png`, buf);
}
