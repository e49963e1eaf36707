import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A PDF as a reader sees it, through poppler (installed in CI): its pages rendered in grey levels
 * (`pdftoppm -gray`, PGM), the ink in a region of a page, and its text (`pdftotext -layout`).
 */

export const DPI = 50;

/** One page in 8-bit grey levels, 255 white. */
export interface GreyPage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** A binary PGM (P5) image with 8-bit samples. */
export function parsePgm(data: Buffer): GreyPage {
  const header = /^P5\s+(?:#[^\n]*\n\s*)*(\d+)\s+(?:#[^\n]*\n\s*)*(\d+)\s+(?:#[^\n]*\n\s*)*(\d+)\s/.exec(data.toString('latin1', 0, 200));
  if (!header) throw new Error('not a binary PGM');
  const [width, height, max] = header.slice(1).map(Number) as [number, number, number];
  if (max !== 255) throw new Error(`PGM with ${max} levels`);
  const start = header[0].length;
  return { width, height, pixels: new Uint8Array(data.buffer, data.byteOffset + start, width * height) };
}

/** The PDF's pages rendered at `DPI` in grey, in page order. */
export function renderPages(pdf: Buffer, dir: string, name: string): GreyPage[] {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', String(DPI), '-gray', file, join(dir, name)]);
  const pageNumber = (f: string) => Number(/-(\d+)\.pgm$/.exec(f)![1]);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.pgm'))
    .sort((a, b) => pageNumber(a) - pageNumber(b))
    .map((f) => parsePgm(readFileSync(join(dir, f))));
}

/** The PDF's text, laid out as on the page. */
export function pdfText(pdf: Buffer, dir: string, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** The document's information dictionary as pdfinfo shows it, dates in ISO 8601. */
export function pdfInfo(pdf: Buffer, dir: string, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
}

/** The share of pixels darker than near-white in a region given in PDF points from the top left (the whole page by default). */
export function inkShare(page: GreyPage, region?: { x: number; y: number; width: number; height: number }): number {
  const scale = DPI / 72;
  const x0 = Math.max(0, Math.floor((region?.x ?? 0) * scale));
  const y0 = Math.max(0, Math.floor((region?.y ?? 0) * scale));
  const x1 = Math.min(page.width, Math.ceil(region ? (region.x + region.width) * scale : page.width));
  const y1 = Math.min(page.height, Math.ceil(region ? (region.y + region.height) * scale : page.height));
  let ink = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) if (page.pixels[y * page.width + x]! < 235) ink += 1;
  }
  return ink / Math.max(1, (x1 - x0) * (y1 - y0));
}
