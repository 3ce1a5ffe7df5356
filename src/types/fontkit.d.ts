/**
 * Hand-written declarations for fontkit 2 (it ships no types). Only what this project uses;
 * widen after reading node_modules/fontkit/src when a new use appears.
 */
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
    readonly familyName: string;
    readonly numGlyphs: number;
    /** Every code point the font's cmap maps. */
    readonly characterSet: number[];
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** pdfkit recognises a parsed font by this method. */
    layout(text: string, features?: string[] | Record<string, boolean>): unknown;
  }

  export interface FontCollection {
    readonly fonts: Font[];
  }

  /** Parses font bytes; a .ttc/.dfont gives a collection unless `postscriptName` picks one. */
  export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection;
}
