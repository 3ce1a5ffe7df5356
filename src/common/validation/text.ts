import { z } from 'zod';

/**
 * Text that ends up in signed credentials, pages and prints (names of people and organisations):
 * no control characters and no invisible format characters (Unicode Cf: bidirectional overrides
 * and isolates, zero-width spaces and joiners, the BOM, soft hyphens), which would make what is
 * signed read differently from what a person sees.
 */
export const VISIBLE_TEXT = /^[^\p{Cc}\p{Cf}]*$/u;

export function visibleText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min, min <= 1 ? 'is required' : `must be at least ${min} characters`)
    .max(max)
    .regex(VISIBLE_TEXT, 'must not contain control characters or invisible format characters (bidirectional overrides, zero-width characters)');
}
