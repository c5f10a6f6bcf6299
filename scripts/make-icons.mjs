#!/usr/bin/env node
/**
 * Draws the app icons (public/icons/*.png): a rounded orange tile with a white shopping bag and a rising
 * bar chart. Plain pixel drawing and a minimal PNG encoder, so no image tool is needed.
 * Usage: node scripts/make-icons.mjs
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc32 = (buf) => {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Coverage of a pixel by a shape, 4×4 supersampled for smooth edges. */
function draw(size, { maskable }) {
  const img = Buffer.alloc(size * size * 4);
  const orange = [238, 77, 45];
  const white = [255, 255, 255];
  const pad = maskable ? 0 : size * 0.04;
  const radius = maskable ? 0 : size * 0.2;
  // The content sits in the central 60% when maskable (the safe zone), else 70%.
  const k = maskable ? 0.6 : 0.72;
  const cx = size / 2;
  const u = (size * k) / 100; // content units: 100 x 100 centred
  const ox = cx - 50 * u;
  const oy = cx - 50 * u;
  const inTile = (x, y) => {
    const l = pad;
    const r = size - pad;
    if (x < l || x > r || y < l || y > r) return false;
    const qx = Math.max(l + radius - x, 0, x - (r - radius));
    const qy = Math.max(l + radius - y, 0, y - (r - radius));
    return qx * qx + qy * qy <= radius * radius;
  };
  const inBag = (x, y) => {
    const X = (x - ox) / u;
    const Y = (y - oy) / u;
    const body = X >= 14 && X <= 86 && Y >= 30 && Y <= 94 && !(X >= 22 && X <= 78 && Y >= 38 && Y <= 86);
    const d = Math.hypot(X - 50, Y - 30);
    const handle = Y <= 30 && d >= 14 && d <= 21;
    const bars = [
      [30, 70],
      [45, 58],
      [60, 46],
    ].some(([bx, top]) => X >= bx && X <= bx + 10 && Y >= top && Y <= 80);
    return body || handle || bars;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let tile = 0;
      let bag = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const px = x + (sx + 0.5) / 4;
          const py = y + (sy + 0.5) / 4;
          if (inTile(px, py)) {
            tile++;
            if (inBag(px, py)) bag++;
          }
        }
      }
      const i = (y * size + x) * 4;
      const t = bag / 16;
      for (let c = 0; c < 3; c++)
        img[i + c] = Math.round(
          orange[c] * (1 - t / Math.max(tile / 16, 1e-9)) + white[c] * (t / Math.max(tile / 16, 1e-9)),
        );
      img[i + 3] = Math.round((tile / 16) * 255);
    }
  }
  return png(size, img);
}

fs.mkdirSync('public/icons', { recursive: true });
fs.writeFileSync('public/icons/icon-192.png', draw(192, { maskable: false }));
fs.writeFileSync('public/icons/icon-512.png', draw(512, { maskable: false }));
fs.writeFileSync('public/icons/maskable-512.png', draw(512, { maskable: true }));
fs.writeFileSync('public/icons/apple-touch-icon.png', draw(180, { maskable: true }));
console.log('icons written to public/icons/');
