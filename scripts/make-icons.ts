// Draws the app icons (a sprout: 育み means "nurturing") as PNGs without any image library, so they
// can be regenerated anywhere: `npx tsx scripts/make-icons.ts`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

function crc32(buffer: Buffer): number {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x += 1) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Coverage (0..1) of the sprout at a point in unit coordinates, supersampled by the caller. */
function isSprout(u: number, v: number): boolean {
  const stem = Math.abs(u - 0.5) < 0.035 && v > 0.42 && v < 0.86;
  const ground = v > 0.8 && v < 0.86 && Math.abs(u - 0.5) < 0.28;
  // Two leaves: ellipses rotated ±35° around points left and right of the stem top.
  const leaf = (cx: number, cy: number, angle: number) => {
    const dx = u - cx;
    const dy = v - cy;
    const x = dx * Math.cos(angle) + dy * Math.sin(angle);
    const y = -dx * Math.sin(angle) + dy * Math.cos(angle);
    return (x / 0.2) ** 2 + (y / 0.09) ** 2 < 1;
  };
  return stem || ground || leaf(0.33, 0.36, 0.6) || leaf(0.67, 0.3, -0.6);
}

function coverage(size: number, x: number, y: number, inset: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy += 1) {
    for (let sx = 0; sx < 4; sx += 1) {
      const u = ((x + (sx + 0.5) / 4) / size - inset) / (1 - 2 * inset);
      const v = ((y + (sy + 0.5) / 4) / size - inset) / (1 - 2 * inset);
      if (isSprout(u, v)) hits += 1;
    }
  }
  return hits / 16;
}

const GREEN: Rgba = [46, 125, 50, 255];
const color = png(192, (x, y) => {
  const c = coverage(192, x, y, 0.12);
  return [
    Math.round(GREEN[0] + (255 - GREEN[0]) * c),
    Math.round(GREEN[1] + (255 - GREEN[1]) * c),
    Math.round(GREEN[2] + (255 - GREEN[2]) * c),
    255,
  ];
});
// Teams asks for a white shape on a transparent background for the outline icon.
const outline = png(32, (x, y) => [255, 255, 255, Math.round(255 * coverage(32, x, y, 0.04))]);

writeFileSync('appPackage/color.png', color);
writeFileSync('appPackage/outline.png', outline);
console.log('wrote appPackage/color.png (192×192) and appPackage/outline.png (32×32)');
