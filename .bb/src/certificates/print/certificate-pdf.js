import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { assertFontsCover, defaultCertificateFonts } from './certificate-font.js';
import { certificateWording } from './certificate-wording.js';
import { assertPrintable } from './printable-certificate.js';
/** A4 in PDF points, as ISO 216 and pdfkit define it. */
export const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 72;
const CONTENT = A4.width - 2 * MARGIN;
const RED = '#8b1a1a';
const ALERT = '#b00020';
const INK = '#1a1a1a';
const GREY = '#555555';
const QR_SIZE = 96;
/**
 * The certificate as a one-page A4 PDF. Fonts are embedded as subsets with a ToUnicode map,
 * so it prints and extracts as Chinese anywhere; the QR code is vector rectangles. The output is
 * a function of the model alone: the creation date is the issue date, never the clock.
 */
export async function renderCertificatePdf(model, options = {}) {
    assertPrintable(model);
    const fonts = options.fonts ?? (await defaultCertificateFonts());
    assertFontsCover(fonts, model);
    const w = certificateWording(model);
    const doc = new PDFDocument({
        size: [A4.width, A4.height],
        margin: 0,
        font: null,
        lang: 'zh-CN',
        displayTitle: true,
        info: {
            Title: `${w.title.zh} ${w.title.en} ${model.certificateNumber}`,
            Author: model.issuer.name,
            Subject: w.title.en,
            Creator: 'Xueji',
            CreationDate: new Date(`${model.issuedOn}T00:00:00Z`),
        },
    });
    doc.registerFont('regular', fonts.regular).registerFont('bold', fonts.bold);
    const done = collect(doc);
    drawFrame(doc);
    if (w.banner)
        drawWatermark(doc, w);
    let y = MARGIN - 10;
    if (w.banner)
        y = drawBanner(doc, w, y) + 14;
    drawNumber(doc, w, y);
    drawTitle(doc, w, y + 72);
    drawBody(doc, w, y + 210);
    drawFooter(doc, w, model.verificationUrl);
    doc.end();
    return done;
}
function collect(doc) {
    const chunks = [];
    return new Promise((resolve, reject) => {
        doc.on('data', (chunk) => chunks.push(chunk));
        doc.on('end', () => resolve(Buffer.concat(chunks)));
        doc.on('error', reject);
    });
}
function drawFrame(doc) {
    doc.lineWidth(3).rect(24, 24, A4.width - 48, A4.height - 48).stroke(RED);
    doc.lineWidth(0.8).rect(32, 32, A4.width - 64, A4.height - 64).stroke(RED);
}
/** Diagonal across the page, faint, so a photocopy of a void certificate still says so. */
function drawWatermark(doc, w) {
    const text = `${w.banner.label.zh} ${w.banner.label.en}`;
    doc.save().rotate(-30, { origin: [A4.width / 2, A4.height / 2] });
    doc.font('bold').fontSize(60).fillColor(ALERT, 0.14);
    const width = doc.widthOfString(text);
    doc.text(text, (A4.width - width) / 2, A4.height / 2 - 30, { lineBreak: false });
    doc.restore();
}
/** Returns the y below the banner. */
function drawBanner(doc, w, top) {
    const b = w.banner;
    const height = 62;
    doc.lineWidth(1.5).rect(MARGIN - 8, top, CONTENT + 16, height).fillAndStroke('#fdecee', ALERT);
    doc.font('bold').fontSize(18).fillColor(ALERT, 1).text(`${b.label.zh} ${b.label.en}`, MARGIN, top + 8, { width: CONTENT, lineBreak: false });
    doc.font('regular').fontSize(10).text(b.note.zh, MARGIN, top + 31, { width: CONTENT, lineBreak: false });
    doc.fontSize(8).fillColor(GREY, 1).text(b.note.en, MARGIN, top + 46, { width: CONTENT, lineBreak: false });
    return top + height;
}
function drawNumber(doc, w, top) {
    doc.font('regular').fontSize(10.5).fillColor(INK, 1);
    doc.text(`${w.number.zh}  ${w.number.value}`, MARGIN, top, { width: CONTENT, align: 'right', lineBreak: false });
    doc.fontSize(8).fillColor(GREY, 1).text(w.number.en, MARGIN, top + 15, { width: CONTENT, align: 'right', lineBreak: false });
}
function drawTitle(doc, w, top) {
    const spacing = 16;
    doc.font('bold').fontSize(40).fillColor(RED, 1);
    // Letter spacing also follows the last character; trimming it keeps the title centred.
    const width = doc.widthOfString(w.title.zh, { characterSpacing: spacing }) - spacing;
    doc.text(w.title.zh, (A4.width - width) / 2, top, { characterSpacing: spacing, lineBreak: false });
    doc.font('regular').fontSize(13).fillColor(GREY, 1);
    doc.text(w.title.en, MARGIN, top + 58, { width: CONTENT, align: 'center', lineBreak: false });
}
/** Filled-in values are bold and underlined, as if written into the blanks of a printed form. */
function drawBody(doc, w, top) {
    doc.fillColor(INK, 1).fontSize(16);
    const last = w.bodyZh.length - 1;
    w.bodyZh.forEach((segment, i) => {
        doc.font(segment.filled ? 'bold' : 'regular');
        const options = { continued: i < last, underline: segment.filled === true, lineGap: 16, width: CONTENT, indent: 32 };
        if (i === 0)
            doc.text(segment.text, MARGIN, top, options);
        else
            doc.text(segment.text, options);
    });
    doc.font('regular').fontSize(9.5).fillColor(GREY, 1);
    doc.text(w.bodyEn, MARGIN, doc.y + 18, { width: CONTENT, lineGap: 3 });
}
function drawFooter(doc, w, url) {
    const verifyTop = A4.height - MARGIN - 34;
    const qrTop = verifyTop - 16 - QR_SIZE;
    drawQr(doc, url, MARGIN, qrTop, QR_SIZE);
    const right = { x: MARGIN + QR_SIZE + 24, width: CONTENT - QR_SIZE - 24 };
    const line = (text, y, size, font, color) => doc.font(font).fontSize(size).fillColor(color, 1).text(text, right.x, y, { width: right.width, align: 'right', lineBreak: false });
    const issuerTop = qrTop + 2;
    line(`${w.issuer.zh} ${w.issuer.en}`, issuerTop, 9, 'regular', GREY);
    line(w.issuer.value, issuerTop + 13, 14, 'bold', INK);
    line(`${w.issuedOn.zh} ${w.issuedOn.en}`, issuerTop + 38, 9, 'regular', GREY);
    line(`${w.issuedOn.value.zh}  ${w.issuedOn.value.en}`, issuerTop + 51, 12, 'bold', INK);
    doc.font('regular').fontSize(7).fillColor(GREY, 1);
    doc.text(`DID ${w.issuer.did}`, right.x, issuerTop + 74, { width: right.width, align: 'right' });
    doc.font('regular').fontSize(9.5).fillColor(INK, 1).text(w.verify.zh, MARGIN, verifyTop, { width: CONTENT });
    doc.fontSize(8).fillColor(GREY, 1).text(w.verify.en, MARGIN, doc.y + 3, { width: CONTENT });
}
/**
 * The QR code as filled rectangles, one per run of dark modules in a row: sharp at any print
 * resolution and a few hundred bytes. Level M as in ../qr.ts, so paper and screen codes match.
 */
function drawQr(doc, text, x, y, size) {
    const { size: modules, runs } = qrRuns(text);
    const cell = size / modules;
    for (const { row, col, length } of runs)
        doc.rect(x + col * cell, y + row * cell, length * cell, cell);
    doc.fill('#000000');
}
/** The dark modules of the QR code for `text`, row by row, as horizontal runs. */
export function qrRuns(text) {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const runs = [];
    for (let row = 0; row < modules.size; row++) {
        for (let col = 0; col < modules.size; col++) {
            if (!modules.get(row, col))
                continue;
            const start = col;
            while (col + 1 < modules.size && modules.get(row, col + 1))
                col++;
            runs.push({ row, col: start, length: col - start + 1 });
        }
    }
    return { size: modules.size, runs };
}
//# sourceMappingURL=certificate-pdf.js.map