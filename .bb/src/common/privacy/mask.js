/**
 * Desensitisation (脱敏) for screens, exports and anything that might be logged: the
 * regulation allows student data outside the register only desensitised or anonymised
 * (第二十四条). Masking is one-way and lossy on purpose; nothing should parse its output.
 */
const MASK = '*';
const HAN = /\p{Script=Han}/u;
/** Shorter documents would show too large a share of their characters, so they are fully hidden. */
const SHORTEST_PARTLY_SHOWN_ID = 8;
/**
 * Chinese names keep the first and last character, as on Chinese bank and government
 * sites people already recognise: 张三 → 张*, 李小明 → 李*明, 欧阳娜娜 → 欧**娜.
 * Other names keep each word's initial and a fixed three stars, so the mask does not
 * reveal how long each word is: Alice Wang → A*** W***.
 */
export function maskName(name) {
    const trimmed = name.trim();
    if (trimmed === '')
        return '';
    return HAN.test(trimmed) ? maskChineseName(trimmed) : maskWordsOfName(trimmed);
}
/**
 * Keeps the first three characters (of a resident ID: the province and one digit more,
 * too coarse to find anyone) and the last, and hides the rest one star per character, so the length still tells a
 * reader which kind of document it is: 11010519491231002X → 110**************X.
 */
export function maskIdNumber(id) {
    const characters = Array.from(id.replace(/\s+/gu, ''));
    if (characters.length < SHORTEST_PARTLY_SHOWN_ID)
        return MASK.repeat(characters.length);
    const hidden = characters.length - 4;
    return characters.slice(0, 3).join('') + MASK.repeat(hidden) + characters[characters.length - 1];
}
/** Code points, not UTF-16 units: rare surname characters such as 𠮷 take two units. */
function maskChineseName(name) {
    const characters = Array.from(name.replace(/\s+/gu, ''));
    if (characters.length === 1)
        return MASK;
    if (characters.length === 2)
        return characters[0] + MASK;
    const last = characters[characters.length - 1];
    return characters[0] + MASK.repeat(characters.length - 2) + last;
}
function maskWordsOfName(name) {
    return name
        .split(/\s+/u)
        .map((word) => Array.from(word)[0] + MASK.repeat(3))
        .join(' ');
}
//# sourceMappingURL=mask.js.map