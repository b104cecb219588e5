/**
 * Printable PDFs in Chinese (issue 14): A4, Noto Sans SC embedded (pdfkit subsets it, so a page
 * carries only the glyphs it uses), a title, label-value rows and ruled tables, and a footer with
 * the moment of printing on the school clock. Pure layout: callers hand it what the caller may see.
 */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { now as clockNow } from '../clock';

const REGULAR = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

type ParsedFont = { layout: unknown };
let fonts: { regular: ParsedFont; bold: ParsedFont } | null = null;

/**
 * The two faces, read and parsed once per process: a 10 MB font read and parsed for each PDF
 * costs ~150 ms, the parsed one ~10 ms (a status change's final approval files its form as a PDF).
 * Parsed by the fontkit pdfkit itself uses, which pdfkit accepts in place of a path.
 */
function parsedFonts(): { regular: ParsedFont; bold: ParsedFont } {
  if (!fonts) {
    const fontkit = require(require.resolve('fontkit', { paths: [path.dirname(require.resolve('pdfkit'))] })) as { create(bytes: Buffer): ParsedFont };
    fonts = { regular: fontkit.create(fs.readFileSync(REGULAR)), bold: fontkit.create(fs.readFileSync(BOLD)) };
  }
  return fonts;
}

const MARGIN = 50;
const PAGE_WIDTH = 595.28;
const WIDTH = PAGE_WIDTH - MARGIN * 2;

export interface Column {
  header: string;
  /** Share of the table's width. */
  width: number;
}

export interface PrintDocument {
  title(text: string, subtitle?: string): void;
  section(text: string): void;
  /** Label-value pairs, two to a row. */
  fields(pairs: ReadonlyArray<readonly [string, string]>): void;
  paragraph(label: string, text: string): void;
  table(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>): void;
  /** The finished PDF. */
  end(): Promise<Buffer>;
}

/** When the document was printed, in the school's time zone (school clock). */
export function printedAt(date: Date = clockNow()): string {
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: process.env.SCHOOL_TIME_ZONE || 'Asia/Shanghai',
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

export function createPrintDocument(meta: { title: string; footer?: string }): PrintDocument {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: meta.title, Creator: 'student-records' } });
  const { regular, bold } = parsedFonts();
  doc.registerFont('regular', regular as never);
  doc.registerFont('bold', bold as never);
  doc.font('regular');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const bottom = () => doc.page.height - MARGIN - 20;
  const ensureRoom = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  return {
    title(text, subtitle) {
      doc.font('bold').fontSize(18).text(text, MARGIN, doc.y, { width: WIDTH, align: 'center' });
      if (subtitle) doc.font('regular').fontSize(10).fillColor('#555555').text(subtitle, { width: WIDTH, align: 'center' }).fillColor('#000000');
      doc.moveDown(1);
    },
    section(text) {
      ensureRoom(40);
      doc.moveDown(0.5).font('bold').fontSize(12).text(text, MARGIN, doc.y, { width: WIDTH });
      doc.moveTo(MARGIN, doc.y + 2).lineTo(MARGIN + WIDTH, doc.y + 2).lineWidth(0.5).stroke();
      doc.moveDown(0.5).font('regular').fontSize(10);
    },
    fields(pairs) {
      doc.fontSize(10);
      const half = WIDTH / 2;
      for (let i = 0; i < pairs.length; i += 2) {
        ensureRoom(20);
        const y = doc.y;
        let next = y;
        for (const [j, pair] of [pairs[i], pairs[i + 1]].entries()) {
          if (!pair) continue;
          const x = MARGIN + j * half;
          doc.font('bold').text(`${pair[0]}：`, x, y, { width: 90 });
          doc.font('regular').text(pair[1] || '—', x + 90, y, { width: half - 100 });
          next = Math.max(next, doc.y);
        }
        doc.y = next + 4;
      }
      doc.x = MARGIN;
    },
    paragraph(label, text) {
      ensureRoom(30);
      doc.font('bold').fontSize(10).text(`${label}：`, MARGIN, doc.y, { width: WIDTH });
      doc.font('regular').text(text || '—', MARGIN + 12, doc.y, { width: WIDTH - 12 });
      doc.moveDown(0.5);
      doc.x = MARGIN;
    },
    table(columns, rows) {
      const total = columns.reduce((sum, column) => sum + column.width, 0);
      const widths = columns.map((column) => (column.width / total) * WIDTH);
      const drawRow = (cells: readonly string[], bold: boolean) => {
        doc.font(bold ? 'bold' : 'regular').fontSize(9);
        const heights = cells.map((cell, i) => doc.heightOfString(cell || '—', { width: widths[i] - 8 }));
        const height = Math.max(...heights, 10) + 8;
        if (doc.y + height > bottom()) {
          doc.addPage();
          if (!bold) drawRow(columns.map((column) => column.header), true);
        }
        const y = doc.y;
        let x = MARGIN;
        cells.forEach((cell, i) => {
          doc.rect(x, y, widths[i], height).lineWidth(0.5).stroke();
          doc.text(cell || '—', x + 4, y + 4, { width: widths[i] - 8 });
          x += widths[i];
        });
        doc.y = y + height;
        doc.x = MARGIN;
      };
      drawRow(columns.map((column) => column.header), true);
      for (const row of rows) drawRow(row, false);
      doc.moveDown(0.5);
    },
    async end() {
      const footer = `${meta.footer ? `${meta.footer}　` : ''}打印时间：${printedAt()}`;
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i += 1) {
        doc.switchToPage(i);
        doc.font('regular').fontSize(8).fillColor('#666666')
          .text(`${footer}　第 ${i + 1} 页，共 ${range.count} 页`, MARGIN, doc.page.height - MARGIN + 10, { width: WIDTH, align: 'center', lineBreak: false });
      }
      doc.end();
      return done;
    },
  };
}

/** Sends a PDF as a download with its Chinese name (RFC 5987) and no caching. */
export function sendPdf(ctx: { set(name: string, value: string): void; type: string; body: unknown }, file: { pdf: Buffer; filename: string }): void {
  ctx.type = 'application/pdf';
  ctx.set('Content-Disposition', `attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = file.pdf;
}
