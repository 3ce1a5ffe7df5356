/**
 * Hand-written declarations for pdfkit 0.20 (it ships no types; @types/pdfkit trails at 0.17).
 * Only the drawing and text calls the printable certificate uses.
 */
declare module 'pdfkit' {
  import type { Font } from 'fontkit';

  type Color = string | [number, number, number];

  interface TextOptions {
    width?: number;
    height?: number;
    align?: 'left' | 'center' | 'right' | 'justify';
    lineGap?: number;
    characterSpacing?: number;
    lineBreak?: boolean;
    continued?: boolean;
    underline?: boolean;
    indent?: number;
    paragraphGap?: number;
  }

  interface DocumentOptions {
    size?: string | [number, number];
    margin?: number;
    autoFirstPage?: boolean;
    lang?: string;
    displayTitle?: boolean;
    pdfVersion?: '1.3' | '1.4' | '1.5' | '1.6' | '1.7' | '1.7ext3';
    compress?: boolean;
    /** The initial font; null starts with none, so no unused Helvetica is written. */
    font?: string | null;
    info?: { Title?: string; Author?: string; Subject?: string; Keywords?: string; Creator?: string; Producer?: string; CreationDate?: Date; ModDate?: Date };
  }

  export default class PDFDocument {
    constructor(options?: DocumentOptions);
    readonly page: { width: number; height: number };
    x: number;
    y: number;
    on(event: 'data', listener: (chunk: Buffer) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    /** A standard font name, a file path, font bytes, or an already parsed fontkit font. */
    font(source: string | Uint8Array | Font): this;
    fontSize(size: number): this;
    registerFont(name: string, source: string | Uint8Array | Font): this;
    text(text: string, x?: number, y?: number, options?: TextOptions): this;
    text(text: string, options?: TextOptions): this;
    widthOfString(text: string, options?: TextOptions): number;
    heightOfString(text: string, options?: TextOptions): number;
    fillColor(color: Color, opacity?: number): this;
    strokeColor(color: Color, opacity?: number): this;
    fillOpacity(opacity: number): this;
    lineWidth(width: number): this;
    rect(x: number, y: number, width: number, height: number): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    fill(color?: Color): this;
    stroke(color?: Color): this;
    fillAndStroke(fill?: Color, stroke?: Color): this;
    save(): this;
    restore(): this;
    rotate(angle: number, options?: { origin?: [number, number] }): this;
    end(): void;
  }
}
