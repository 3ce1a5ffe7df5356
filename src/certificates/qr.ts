import QRCode from 'qrcode';

/** Level M keeps a ~60-character URL at a small version that phones scan from paper easily. */
const OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 2 };

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...OPTIONS, type: 'svg' });
}

export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: 'png', width: 320 });
}
