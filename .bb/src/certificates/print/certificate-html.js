import { qrSvg } from '../qr.js';
import { certificateWording } from './certificate-wording.js';
import { assertPrintable } from './printable-certificate.js';
/**
 * The certificate as one self-contained A4 HTML page, for printing from a browser. It carries no
 * script and loads nothing: the QR code is inline SVG, the fonts are the reader's own (a Song /
 * serif CJK face first), and a Content-Security-Policy says so to the browser as well.
 */
export async function renderCertificateHtml(model) {
    assertPrintable(model);
    const w = certificateWording(model);
    const qr = await qrSvg(model.verificationUrl);
    return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="robots" content="noindex">
<title>${esc(w.title.zh)} ${esc(w.title.en)} ${esc(model.certificateNumber)}</title>
<style>${STYLE}</style></head>
<body><main class="page">
${w.banner ? banner(w) : ''}<p class="number">${label(w.number)}<span class="value">${esc(w.number.value)}</span></p>
<h1>${esc(w.title.zh)}<small>${esc(w.title.en)}</small></h1>
<p class="body">${w.bodyZh.map((s) => (s.filled ? `<span class="fill">${esc(s.text)}</span>` : esc(s.text))).join('')}</p>
<p class="body-en">${esc(w.bodyEn)}</p>
<footer>
<div class="qr" aria-label="QR code">${qr}</div>
<dl class="issue">
<dt>${label(w.issuer)}</dt><dd>${esc(w.issuer.value)}</dd>
<dt>${label(w.issuedOn)}</dt><dd>${esc(w.issuedOn.value.zh)}<span class="en">${esc(w.issuedOn.value.en)}</span></dd>
<dt><span class="en">DID</span></dt><dd class="did">${esc(w.issuer.did)}</dd>
</dl>
</footer>
<p class="verify">${esc(w.verify.zh)}<span class="en">${esc(w.verify.en)}</span></p>
</main></body></html>
`;
}
function banner(w) {
    const b = w.banner;
    return `<div class="banner" role="alert"><strong>${esc(b.label.zh)} ${esc(b.label.en)}</strong>
<span>${esc(b.note.zh)}</span><span class="en">${esc(b.note.en)}</span></div>
<div class="watermark" aria-hidden="true">${esc(b.label.zh)} ${esc(b.label.en)}</div>
`;
}
function label(l) {
    return `<span class="label">${esc(l.zh)}<span class="en">${esc(l.en)}</span></span>`;
}
/** Text and attribute contexts alike: names and schools can hold <, &, and either quote. */
export function esc(s) {
    return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
const STYLE = `
@page { size: A4; margin: 0 }
* { box-sizing: border-box }
html, body { margin: 0; padding: 0; background: #fff }
body { font-family: "Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", "Songti SC", SimSun, "Noto Sans CJK SC", serif;
  color: #1a1a1a; -webkit-print-color-adjust: exact; print-color-adjust: exact }
.page { position: relative; width: 210mm; height: 297mm; margin: 0 auto; padding: 24mm 22mm 20mm; overflow: hidden;
  border: 2.2mm double #8b1a1a; outline: .3mm solid #8b1a1a; outline-offset: -6mm; display: flex; flex-direction: column }
.en { display: block; font-size: 8.5pt; color: #555; letter-spacing: 0; font-weight: normal }
.number { margin: 0; text-align: right; font-size: 10.5pt }
.number .label, .number .value { display: inline-block; vertical-align: top }
.number .value { margin-left: 2mm; font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; font-size: 11pt }
h1 { margin: 16mm 0 14mm; text-align: center; font-size: 40pt; letter-spacing: .5em; text-indent: .5em; color: #8b1a1a }
h1 small { display: block; margin-top: 3mm; font-size: 13pt; letter-spacing: .08em; text-indent: 0; color: #555; font-weight: normal }
.body { margin: 0; font-size: 16pt; line-height: 2.3; text-indent: 2em; text-align: justify }
.fill { border-bottom: .3mm solid #1a1a1a; padding: 0 .2em; font-weight: bold }
.body-en { margin: 6mm 0 0; font-size: 9.5pt; line-height: 1.5; color: #555 }
footer { margin-top: auto; display: flex; align-items: flex-end; justify-content: space-between; gap: 10mm }
.qr svg { display: block; width: 34mm; height: 34mm }
.issue { margin: 0; text-align: right; font-size: 12pt; min-width: 0 }
.issue dt { margin-top: 3mm; font-size: 10pt; color: #333 }
.issue dd { margin: 1mm 0 0; font-weight: bold; overflow-wrap: anywhere }
.issue dd.did { font-weight: normal; font-size: 7.5pt; color: #555; font-family: monospace }
.verify { margin: 6mm 0 0; font-size: 9.5pt; overflow-wrap: anywhere }
.banner { margin: 0 0 6mm; padding: 3mm 4mm; border: .6mm solid #b00020; color: #b00020; background: #fdecee; font-size: 11pt }
.banner strong { display: block; font-size: 20pt; letter-spacing: .1em }
.watermark { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%) rotate(-30deg); white-space: nowrap;
  font-size: 64pt; font-weight: bold; color: rgba(176, 0, 32, .16); pointer-events: none }
`;
//# sourceMappingURL=certificate-html.js.map