import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { UnprocessableError } from '../../common/errors/domain-error.js';
import type { PrintableCertificate } from './printable-certificate.js';

/**
 * The typeface the PDF embeds: Noto Serif SC 2.003 (Adobe/Google, the Source Han Serif design),
 * licensed under the SIL Open Font License 1.1, taken as TrueType files from the npm package
 * `@expo-google-fonts/noto-serif-sc` (package code MIT, fonts OFL-1.1; see its LICENSE_FONT).
 * OFL allows embedding a subset in documents. A Song (serif) face is what Chinese certificates
 * are set in. Coverage, checked with fontkit: 20,992 URO ideographs, all 6,592 of Extension A
 * (䶮 U+4DAE included), but only 52 of Extension B (𠈌 U+2020C is missing) — no npm font found
 * covers B well, so a name the face cannot set is refused (`CERTIFICATE_GLYPH_MISSING`) rather
 * than printed with an empty box; pass other `CertificateFonts` to cover it.
 * TrueType (glyf) outlines rather than CFF keep pdfkit on its most-used subsetting path.
 */
export interface CertificateFonts {
  regular: fontkit.Font;
  bold: fontkit.Font;
}

const PACKAGE = '@expo-google-fonts/noto-serif-sc';
const FILES = { regular: '400Regular/NotoSerifSC_400Regular.ttf', bold: '700Bold/NotoSerifSC_700Bold.ttf' };

let defaults: Promise<CertificateFonts> | undefined;

/** Parsed once per process (~50 ms each); every PDF then subsets from the same parsed fonts. */
export function defaultCertificateFonts(): Promise<CertificateFonts> {
  defaults ??= loadDefaults().catch((error: unknown) => {
    defaults = undefined;
    throw error;
  });
  return defaults;
}

async function loadDefaults(): Promise<CertificateFonts> {
  const require = createRequire(import.meta.url);
  const [regular, bold] = await Promise.all(
    [FILES.regular, FILES.bold].map(async (file) => openFont(await readFile(require.resolve(`${PACKAGE}/${file}`)))),
  );
  return { regular, bold };
}

/** A single TrueType/OpenType font from its bytes (not a .ttc collection). */
export function openFont(bytes: Uint8Array): fontkit.Font {
  const font = fontkit.create(bytes);
  if (!('hasGlyphForCodePoint' in font)) throw new TypeError('Expected a single font, got a font collection.');
  return font;
}

/** Format characters (variation selectors, joiners) carry no glyph of their own. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;

/** Code points of `text` that `font` has no glyph for, each once, in order of appearance. */
export function missingCodePoints(font: fontkit.Font, text: string): number[] {
  const missing = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!IGNORABLE.test(ch) && !font.hasGlyphForCodePoint(cp)) missing.add(cp);
  }
  return [...missing];
}

/**
 * Refuses to print a certificate whose values the fonts cannot set: a name with a blank box in
 * it is a wrong name. The message names the field and code point, not the value.
 */
export function assertFontsCover(fonts: CertificateFonts, m: PrintableCertificate): void {
  const fields: Array<[string, string]> = [
    ['holder.name', m.holder.name],
    ['school.name', m.school.name],
    ['issuer.name', m.issuer.name],
    ['issuer.did', m.issuer.did],
    ['certificateNumber', m.certificateNumber],
    ['verificationUrl', m.verificationUrl],
  ];
  const problems: string[] = [];
  for (const [field, value] of fields) {
    const missing = new Set([...missingCodePoints(fonts.regular, value), ...missingCodePoints(fonts.bold, value)]);
    for (const cp of missing) problems.push(`${field} U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  if (problems.length > 0) {
    throw new UnprocessableError('CERTIFICATE_GLYPH_MISSING', `The print font has no glyph for: ${problems.join(', ')}`);
  }
}
