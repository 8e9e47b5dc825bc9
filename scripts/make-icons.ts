/**
 * Draws the extension icon (an amber rounded square with a dark lens ring and a rising bar) at
 * the sizes the stores ask for, as PNG files in public/icon/. 4×4 supersampling for smooth edges.
 * Usage: npx tsx scripts/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const AMBER = [240, 185, 11];
const DARK = [11, 14, 17];

function coverage(x: number, y: number): { amber: boolean; dark: boolean } {
  // Coordinates in [0, 1]. Rounded square of corner radius 0.2.
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  const inSquare = (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  const distance = Math.hypot(x - 0.44, y - 0.44);
  const ring = distance >= 0.2 && distance <= 0.29;
  const handle = Math.abs(x - y) < 0.075 && x > 0.62 && x < 0.84;
  const bar = x > 0.37 && x < 0.51 && y > 0.36 && y < 0.53;
  return { amber: inSquare, dark: inSquare && (ring || handle || bar) };
}

function png(size: number): Buffer {
  const samples = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let row = 0; row < size; row++) {
    raw[row * (size * 4 + 1)] = 0;
    for (let col = 0; col < size; col++) {
      let amber = 0;
      let dark = 0;
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const hit = coverage(
            (col + (sx + 0.5) / samples) / size,
            (row + (sy + 0.5) / samples) / size,
          );
          if (hit.dark) dark++;
          else if (hit.amber) amber++;
        }
      const total = samples * samples;
      const alpha = (amber + dark) / total;
      const offset = row * (size * 4 + 1) + 1 + col * 4;
      for (let channel = 0; channel < 3; channel++) {
        const mixed =
          alpha === 0
            ? 0
            : ((AMBER[channel] ?? 0) * amber + (DARK[channel] ?? 0) * dark) / (amber + dark);
        raw[offset + channel] = Math.round(mixed);
      }
      raw[offset + 3] = Math.round(alpha * 255);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
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

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

for (const size of [16, 32, 48, 96, 128]) {
  writeFileSync(path.join(import.meta.dirname, '..', 'public', 'icon', `${size}.png`), png(size));
}
console.log('wrote public/icon/{16,32,48,96,128}.png');
