import { maskIdNumber, maskName } from './mask.js';

describe('maskName', () => {
  it.each([
    ['a two-character Chinese name', '张三', '张*'],
    ['a three-character Chinese name', '李小明', '李*明'],
    ['a compound surname', '欧阳娜娜', '欧**娜'],
    ['a single character', '明', '*'],
    ['a transliterated name with a middle dot', '买买提·艾力', '买****力'],
    ['a rare character outside the BMP', '𠮷野家', '𠮷*家'],
    ['surrounding spaces', '  张三 ', '张*'],
    ['a space typed inside a Chinese name', '李 小明', '李*明'],
    ['a non-Chinese name', 'Alice Wang', 'A*** W***'],
    ['a single-letter word', 'J Smith', 'J*** S***'],
    ['a one-word non-Chinese name', 'Madonna', 'M***'],
    ['several spaces between words', 'Alice   Wang', 'A*** W***'],
    ['an empty name', '', ''],
    ['only spaces', '   ', ''],
  ])('%s: %p → %p', (_name, input, expected) => {
    expect(maskName(input)).toBe(expected);
  });

  it.each(['张三', '李小明', '欧阳娜娜', 'Alice Wang'])(
    'never shows more than two characters of %p',
    (name) => {
      const shown = Array.from(maskName(name)).filter((ch) => ch !== '*' && ch !== ' ');
      expect(shown.length).toBeLessThanOrEqual(2);
    },
  );
});

describe('maskIdNumber', () => {
  it.each([
    ['a resident ID ending in X', '11010519491231002X', '110**************X'],
    ['a resident ID ending in a digit', '330106201003154617', '330**************7'],
    ['a resident ID typed with spaces', '110105 19491231 002X', '110**************X'],
    ['a passport number', 'E12345678', 'E12*****8'],
    ['the shortest partly shown number', 'AB123456', 'AB1****6'],
    ['a short number, fully hidden', 'A123456', '*******'],
    ['an empty string', '', ''],
  ])('%s: %p → %p', (_name, input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });

  it('keeps the length, so the kind of document stays recognisable', () => {
    expect(maskIdNumber('11010519491231002X')).toHaveLength(18);
  });
});
