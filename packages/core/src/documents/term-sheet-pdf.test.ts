/**
 * The term sheet PDF, rendered and then read back the way a person would: its first page rendered
 * to PNG by pdftoppm (poppler-utils), its text extracted by pdftotext, its fonts listed by pdffonts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { describe, expect, it } from 'vitest';
import { sampleTermSheet } from '../testing/documents.ts';
import { renderTermSheetPdf } from './term-sheet-pdf.ts';

/** Where the rendered page is kept for a person to look at (git-ignored). */
const OUT_DIR = path.resolve(import.meta.dirname, '../../../../.test-results/term-sheet');

const hasPoppler = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('signed term sheet PDF', () => {
  it('is a PDF by content', async () => {
    const pdf = await renderTermSheetPdf(sampleTermSheet);
    expect((await fileTypeFromBuffer(pdf))?.mime).toBe('application/pdf');
    expect(pdf.length).toBeGreaterThan(5_000);
  });

  it('renders the same length for the same acceptance (the signing time is its date)', async () => {
    const a = await renderTermSheetPdf(sampleTermSheet);
    const b = await renderTermSheetPdf(sampleTermSheet);
    expect(a.length).toBe(b.length);
  });

  it('holds the terms, the APR, the schedule, the signature, the time and the signer (read back)', async () => {
    // `npm test` and .ci/run install poppler-utils; elsewhere: apt-get install -y poppler-utils.
    expect(hasPoppler, 'pdftoppm is missing: apt-get install -y poppler-utils').toBe(true);
    mkdirSync(OUT_DIR, { recursive: true });
    const file = path.join(OUT_DIR, 'term-sheet.pdf');
    writeFileSync(file, await renderTermSheetPdf(sampleTermSheet));

    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of [
      'Term sheet',
      'Demo Lending Co.',
      '$250,000.00',
      '11.500 % fixed',
      'Annual percentage rate (APR)',
      '14.193 %',
      '$252,395.83 on 2027-12-01',
      '/s/ Łukasz Zażółć-Gęślą',
      '2026-11-25 10:15:30 UTC',
      'user_2borrowerTestId',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // Embedded, subset Unicode fonts: names outside Latin-1 print as typed.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSans\s/);
    expect(fonts).toMatch(/Identity-H\s+yes\s+yes/);

    // The first page as a picture: a person looks at .test-results/term-sheet/page-1.png.
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      path.join(OUT_DIR, 'page-1'),
    ]);
    const png = readFileSync(path.join(OUT_DIR, 'page-1.png'));
    expect((await fileTypeFromBuffer(png))?.mime).toBe('image/png');
    // A4 at 60 dpi is about 496 × 702 pixels (IHDR width and height).
    expect(Math.abs(png.readUInt32BE(16) - 496)).toBeLessThanOrEqual(2);
    expect(Math.abs(png.readUInt32BE(20) - 702)).toBeLessThanOrEqual(2);
    // Mostly white paper, with ink: the page is neither blank nor solid.
    expect(png.length).toBeGreaterThan(10_000);
  });
});
