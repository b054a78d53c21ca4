/**
 * Draws the demo organisation's profile pictures (lib/org-file/demo-files/people/*.webp):
 * simple illustrated head-and-shoulders portraits, each person's colours and hair chosen
 * from a hash of their e-mail, so the pictures are the same every time they are drawn.
 * They are generated rather than photographs so that no real person's face is shipped.
 *
 *   npx tsx scripts/generate-demo-portraits.ts
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

const ORG = path.resolve("lib/org-file/demo-org.json");
const OUT = path.resolve("lib/org-file/demo-files/people");

const BACKGROUNDS = ["#dbeafe", "#dcfce7", "#fef3c7", "#fce7f3", "#ede9fe", "#e0f2fe", "#ffedd5", "#f1f5f9"];
const SKIN = ["#f6d3b3", "#eec39a", "#d9a066", "#b97a4a", "#8d5524", "#6b3e1f", "#f2c9a0", "#c68642"];
const HAIR = ["#2b1b0e", "#4a2c17", "#7a4a21", "#b5651d", "#d8b26e", "#1c1c1c", "#8a8a8a", "#5b3a29"];
const SHIRT = ["#1d4ed8", "#047857", "#b45309", "#7c3aed", "#be123c", "#0f766e", "#374151", "#9333ea"];

function pick<T>(list: T[], byte: number): T {
  return list[byte % list.length]!;
}

function portrait(email: string): string {
  const h = createHash("sha256").update(email).digest();
  const [bg, skin, hair, shirt] = [pick(BACKGROUNDS, h[0]!), pick(SKIN, h[1]!), pick(HAIR, h[2]!), pick(SHIRT, h[3]!)];
  const style = h[4]! % 4;
  const glasses = h[5]! % 5 === 0;
  const hairShape = [
    // short
    `<path d="M78 96 Q80 52 128 50 Q176 52 178 96 Q168 70 128 68 Q88 70 78 96Z" fill="${hair}"/>`,
    // long
    `<path d="M72 150 Q66 56 128 48 Q190 56 184 150 L170 150 Q172 84 128 76 Q84 84 86 150Z" fill="${hair}"/>`,
    // curly
    `<g fill="${hair}">${[70, 88, 106, 124, 142, 160, 178].map((x, i) => `<circle cx="${x + 4}" cy="${64 + (i % 2) * 8}" r="18"/>`).join("")}</g>`,
    // side parting
    `<path d="M80 100 Q78 50 132 48 Q182 52 176 100 Q160 62 110 74 Q92 80 80 100Z" fill="${hair}"/>`,
  ][style]!;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <rect width="256" height="256" fill="${bg}"/>
  <path d="M36 256 Q40 190 128 184 Q216 190 220 256Z" fill="${shirt}"/>
  <rect x="110" y="150" width="36" height="40" rx="12" fill="${skin}"/>
  <ellipse cx="128" cy="110" rx="50" ry="58" fill="${skin}"/>
  ${hairShape}
  <circle cx="110" cy="112" r="5" fill="#1f2937"/>
  <circle cx="146" cy="112" r="5" fill="#1f2937"/>
  <path d="M110 140 Q128 152 146 140" stroke="#7c2d12" stroke-width="4" fill="none" stroke-linecap="round"/>
  ${glasses ? `<g stroke="#111827" stroke-width="4" fill="none"><circle cx="110" cy="112" r="14"/><circle cx="146" cy="112" r="14"/><path d="M124 112 H132"/></g>` : ""}
</svg>`;
}

const org = JSON.parse(readFileSync(ORG, "utf8")) as { people: { email: string; image?: string }[] };
mkdirSync(OUT, { recursive: true });
let n = 0;
for (const person of org.people) {
  if (!person.image) continue;
  await sharp(Buffer.from(portrait(person.email))).webp({ quality: 80 }).toFile(path.resolve(path.dirname(ORG), person.image));
  n++;
}
console.log(`Drew ${n} portraits in ${path.relative(process.cwd(), OUT)}.`);
