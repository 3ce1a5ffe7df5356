import QRCode from 'qrcode';
/** Level M keeps a ~60-character URL at a small version that phones scan from paper easily. */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 };
export function qrSvg(text) {
    return QRCode.toString(text, { ...OPTIONS, type: 'svg' });
}
export function qrPng(text) {
    return QRCode.toBuffer(text, { ...OPTIONS, type: 'png', width: 320 });
}
//# sourceMappingURL=qr.js.map