import PDFDocument from 'pdfkit';
import { winAnsi } from './review-format.js';

/**
 * The page writer of the review's PDF, over pdfkit: A4 pages with margins, a cursor that moves down
 * and starts a new page when a block does not fit, headings, paragraphs and tables whose numbers are
 * right-aligned, header rows repeated on every page a table runs over. Every text goes through
 * `winAnsi`, so nothing drawn falls outside the standard Helvetica's encoding. Pages are buffered, so
 * that the header and footer ("page x of y") are drawn once the page count is known.
 */

export const FONT = 'Helvetica';
export const BOLD = 'Helvetica-Bold';
export const INK = '#1f2933';
export const MUTED = '#52606d';
export const RULE = '#9aa5b1';
export const ACCENT = '#1d5fa8';

/** Where a chart was drawn: the tests look for ink there. Points from the page's top left corner. */
export interface ChartBox {
  kind: 'nps-trend' | 'pareto' | 'effect';
  /** 0-based page index */
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Column {
  header: string;
  /** a share of the table's width */
  weight: number;
  align?: 'left' | 'right';
  /** the cell's text may wrap over several lines (otherwise it is cut with an ellipsis) */
  wrap?: boolean;
}

export interface PageDecoration {
  header: string;
  footer: string;
  /** "page x of y" */
  pageOf: (page: number, pages: number) => string;
}

const MARGIN = { top: 64, bottom: 58, left: 50, right: 50 };
const CELL_PAD = 3;

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly left = MARGIN.left;
  readonly width: number;
  readonly charts: ChartBox[] = [];
  y: number;
  private page = 0;

  constructor(info: { title: string; subject: string; language: string; createdAt: Date }) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      lang: info.language,
      displayTitle: true,
      // Written in UTF-16, unlike the page's texts. The creation date is the review's, so the same review makes the same bytes.
      info: { Title: info.title, Subject: info.subject, Creator: 'Ecoute', Producer: 'Ecoute', CreationDate: info.createdAt },
    });
    this.width = this.doc.page.width - MARGIN.left - MARGIN.right;
    this.y = MARGIN.top;
    this.doc.font(FONT).fontSize(9).fillColor(INK);
  }

  /** The lowest y the content may reach on a page. */
  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** The index of the page being written, from 0. */
  get pageIndex(): number {
    return this.page;
  }

  newPage(): void {
    this.doc.addPage();
    this.page += 1;
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` fits below the cursor. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  /** One line of text at a place, cut with an ellipsis to `width` when given; returns nothing and moves no cursor. */
  textAt(text: string, x: number, y: number, options: { size?: number; bold?: boolean; color?: string; width?: number; align?: 'left' | 'right' | 'center' } = {}): void {
    const { doc } = this;
    doc.font(options.bold ? BOLD : FONT).fontSize(options.size ?? 9).fillColor(options.color ?? INK);
    const line = options.width === undefined ? winAnsi(text) : this.fit(text, options.width);
    const lineWidth = doc.widthOfString(line);
    const dx = options.width === undefined || !options.align || options.align === 'left' ? 0 : options.align === 'right' ? options.width - lineWidth : (options.width - lineWidth) / 2;
    doc.text(line, x + dx, y, { lineBreak: false });
  }

  /** A text cut to fit `width` in the current font, with an ellipsis when it had to be cut. */
  fit(text: string, width: number): string {
    const line = winAnsi(text);
    if (this.doc.widthOfString(line) <= width) return line;
    let cut = line;
    while (cut.length > 0 && this.doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
    return `${cut.trimEnd()}…`;
  }

  /** The height of a text wrapped to `width` in the given font. */
  heightOf(text: string, width: number, size = 9, bold = false): number {
    this.doc.font(bold ? BOLD : FONT).fontSize(size);
    return this.doc.heightOfString(winAnsi(text), { width });
  }

  /** A wrapped paragraph at the cursor. */
  paragraph(text: string, options: { size?: number; color?: string; bold?: boolean; gap?: number } = {}): void {
    const size = options.size ?? 9;
    const height = this.heightOf(text, this.width, size, options.bold);
    this.ensure(height);
    this.doc.font(options.bold ? BOLD : FONT).fontSize(size).fillColor(options.color ?? INK);
    this.doc.text(winAnsi(text), this.left, this.y, { width: this.width });
    this.y += height + (options.gap ?? 6);
  }

  /** A section's title, kept with `keepWith` points of what follows it. */
  heading(text: string, keepWith = 80): void {
    this.ensure(22 + keepWith);
    if (this.y > MARGIN.top) this.y += 8;
    this.textAt(text, this.left, this.y, { size: 14, bold: true, color: ACCENT });
    this.y += 18;
    this.doc.moveTo(this.left, this.y).lineTo(this.left + this.width, this.y).lineWidth(0.8).strokeColor(ACCENT).stroke();
    this.y += 8;
  }

  /** A smaller title inside a section. */
  subheading(text: string, keepWith = 40): void {
    this.ensure(16 + keepWith);
    this.textAt(text, this.left, this.y, { size: 10.5, bold: true });
    this.y += 16;
  }

  /** A table at the cursor; rows that do not fit go on the next page under the header row again. */
  table(columns: readonly Column[], rows: readonly (readonly string[])[], options: { size?: number } = {}): void {
    const size = options.size ?? 8.5;
    const total = columns.reduce((sum, c) => sum + c.weight, 0);
    const widths = columns.map((c) => (c.weight / total) * this.width);
    const lineHeight = size * 1.45;
    const header = (): void => {
      const height = Math.max(...columns.map((c, i) => this.heightOf(c.header, widths[i]! - 2 * CELL_PAD, size, true))) + 2 * CELL_PAD;
      this.ensure(height + lineHeight);
      let x = this.left;
      this.doc.rect(this.left, this.y, this.width, height).fill('#e4e7eb');
      columns.forEach((c, i) => {
        this.doc.font(BOLD).fontSize(size).fillColor(INK);
        this.doc.text(winAnsi(c.header), x + CELL_PAD, this.y + CELL_PAD, { width: widths[i]! - 2 * CELL_PAD, align: c.align ?? 'left' });
        x += widths[i]!;
      });
      this.y += height;
    };
    header();
    rows.forEach((row, r) => {
      const heights = columns.map((c, i) => (c.wrap ? this.heightOf(row[i] ?? '', widths[i]! - 2 * CELL_PAD, size) : size * 1.15));
      const height = Math.max(...heights) + 2 * CELL_PAD;
      if (this.y + height > this.bottom) {
        this.newPage();
        header();
      }
      if (r % 2 === 1) this.doc.rect(this.left, this.y, this.width, height).fill('#f5f7fa');
      let x = this.left;
      columns.forEach((c, i) => {
        const cellWidth = widths[i]! - 2 * CELL_PAD;
        const text = row[i] ?? '';
        if (c.wrap) {
          this.doc.font(FONT).fontSize(size).fillColor(INK);
          this.doc.text(winAnsi(text), x + CELL_PAD, this.y + CELL_PAD, { width: cellWidth });
        } else {
          this.textAt(text, x + CELL_PAD, this.y + CELL_PAD, { size, width: cellWidth, align: c.align ?? 'left' });
        }
        x += widths[i]!;
      });
      this.y += height;
    });
    this.doc.moveTo(this.left, this.y).lineTo(this.left + this.width, this.y).lineWidth(0.5).strokeColor(RULE).stroke();
    this.y += 10;
  }

  /** Reserves a box for a chart at the cursor (on a new page when it does not fit) and records it. */
  chartBox(kind: ChartBox['kind'], height: number, x = this.left, width = this.width): ChartBox {
    this.ensure(height);
    const box = { kind, page: this.page, x, y: this.y, width, height };
    this.charts.push(box);
    return box;
  }

  /** Draws the header and footer of every page, then ends the document; resolves with its bytes. */
  finish(decoration: PageDecoration): Promise<Buffer> {
    const { doc } = this;
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(Buffer.from(chunk)));
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    const { start, count } = doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      // Below the bottom margin: without it, pdfkit would start a page for the footer.
      doc.page.margins.bottom = 0;
      const right = this.left + this.width;
      this.textAt(decoration.header, this.left, 30, { size: 8, color: MUTED, width: this.width * 0.75 });
      doc.moveTo(this.left, 42).lineTo(right, 42).lineWidth(0.4).strokeColor(RULE).stroke();
      const footerY = doc.page.height - 38;
      doc.moveTo(this.left, footerY - 6).lineTo(right, footerY - 6).lineWidth(0.4).strokeColor(RULE).stroke();
      this.textAt(decoration.footer, this.left, footerY, { size: 8, color: MUTED, width: this.width * 0.7 });
      this.textAt(decoration.pageOf(i - start + 1, count), this.left, footerY, { size: 8, color: MUTED, width: this.width, align: 'right' });
      doc.page.margins.bottom = MARGIN.bottom;
    }
    doc.end();
    return done;
  }
}
