import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { UnprocessableError } from '../../common/errors/domain-error.js';
const PACKAGE = '@expo-google-fonts/noto-serif-sc';
const FILES = { regular: '400Regular/NotoSerifSC_400Regular.ttf', bold: '700Bold/NotoSerifSC_700Bold.ttf' };
let defaults;
/** Parsed once per process (~50 ms each); every PDF then subsets from the same parsed fonts. */
export function defaultCertificateFonts() {
    defaults ??= loadDefaults().catch((error) => {
        defaults = undefined;
        throw error;
    });
    return defaults;
}
async function loadDefaults() {
    const require = createRequire(import.meta.url);
    const [regular, bold] = await Promise.all([FILES.regular, FILES.bold].map(async (file) => openFont(await readFile(require.resolve(`${PACKAGE}/${file}`)))));
    return { regular, bold };
}
/** A single TrueType/OpenType font from its bytes (not a .ttc collection). */
export function openFont(bytes) {
    const font = fontkit.create(bytes);
    if (!('hasGlyphForCodePoint' in font))
        throw new TypeError('Expected a single font, got a font collection.');
    return font;
}
/** Format characters (variation selectors, joiners) carry no glyph of their own. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
/** Code points of `text` that `font` has no glyph for, each once, in order of appearance. */
export function missingCodePoints(font, text) {
    const missing = new Set();
    for (const ch of text) {
        const cp = ch.codePointAt(0);
        if (!IGNORABLE.test(ch) && !font.hasGlyphForCodePoint(cp))
            missing.add(cp);
    }
    return [...missing];
}
/**
 * Refuses to print a certificate whose values the fonts cannot set: a name with a blank box in
 * it is a wrong name. The message names the field and code point, not the value.
 */
export function assertFontsCover(fonts, m) {
    const fields = [
        ['holder.name', m.holder.name],
        ['school.name', m.school.name],
        ['issuer.name', m.issuer.name],
        ['issuer.did', m.issuer.did],
        ['certificateNumber', m.certificateNumber],
        ['verificationUrl', m.verificationUrl],
    ];
    const problems = [];
    for (const [field, value] of fields) {
        const missing = new Set([...missingCodePoints(fonts.regular, value), ...missingCodePoints(fonts.bold, value)]);
        for (const cp of missing)
            problems.push(`${field} U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
    }
    if (problems.length > 0) {
        throw new UnprocessableError('CERTIFICATE_GLYPH_MISSING', `The print font has no glyph for: ${problems.join(', ')}`);
    }
}
//# sourceMappingURL=certificate-font.js.map