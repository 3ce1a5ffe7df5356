import { describe, expect, it } from '@jest/globals';
import { visibleText } from './text.js';

describe('visible text', () => {
  const name = visibleText(1, 100);
  it('takes Chinese names, middle dots and spaces', () => {
    for (const ok of ['欧阳娜娜', '阿依古丽·买买提', 'Anna Li']) expect(name.safeParse(ok).success).toBe(true);
  });
  it('refuses bidirectional overrides, zero-width characters, the BOM and control characters', () => {
    for (const bad of ['李\u202E华', '李\u2066华\u2069', '李\u200B华', '李\u200D华', '李\uFEFF华', '李\u00AD华', '李\u0007华']) {
      expect(name.safeParse(bad).success).toBe(false);
    }
  });
});
