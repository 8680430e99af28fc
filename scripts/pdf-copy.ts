// PDFs made as a word processor makes them (pdfkit wraps the text to the page, with furniture on every page): the PDF
// copies that the tests and `npm run eval -- --pdf` extract.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

// A Unicode font embedded, as a word processor does: pdfkit's standard fonts cannot write "ł" or "ş".
const FONT = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

/** A PDF of `text`: one paragraph per line of it, wrapped to an A4 page, with furniture on every page. */
export function makePdf(text: string, options: { furniture?: boolean; userPassword?: string; textLayer?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 72, right: 72 }, bufferPages: true,
    userPassword: options.userPassword, info: { Title: 'readout' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((r) => doc.on('end', () => r(Buffer.concat(chunks))));
  doc.font(FONT);
  if (options.textLayer === false) doc.rect(100, 100, 300, 200).fill('#333');
  else for (const para of text.split('\n')) doc.fontSize(11).text(para || ' ', { paragraphGap: 4 });
  if (options.furniture !== false) {
    const range = doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(i);
      doc.fontSize(8).text('Ministry of Foreign Affairs - Press Releases', 72, 30, { lineBreak: false });
      doc.fontSize(8).text(`Page ${i + 1} of ${range.count}`, 72, doc.page.height - 50, { lineBreak: false });
    }
  }
  doc.end();
  return done;
}
