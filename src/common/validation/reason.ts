import { z } from 'zod';

/**
 * The reason a person gives for a decision (a refusal, a revocation, a key's retirement): it is
 * audited and may be shown to others, so it is plain text of 2 to 500 characters, without
 * control or formatting characters (no bidirectional overrides, no zero-width tricks).
 */
export const Reason = z
  .string({ error: 'a reason is required' })
  .trim()
  .min(2, { error: 'a reason is required' })
  .max(500)
  .refine((v) => !/[\p{Cc}\p{Cf}]/u.test(v), { error: 'control and formatting characters are not allowed' });
