import { z } from 'zod';

export const FieldChangeList = z.object({
  items: z.array(
    z.object({
      requestId: z.uuid(),
      requestStatus: z.enum(['open', 'approved', 'refused', 'withdrawn']),
      field: z.string(),
      oldValue: z.string().nullable().describe('null until the correction is applied'),
      newValue: z.string().nullable(),
      appliedOn: z.string().nullable(),
    }),
  ),
});

export const IdentityDocumentList = z.object({
  items: z.array(
    z.object({
      requestId: z.uuid(),
      state: z.enum(['former', 'proposed']).describe('former: replaced by the request; proposed: asked for, the request open'),
      documentType: z.string(),
      nationality: z.string().nullable().describe('ISO 3166-1 alpha-3, as the document states it'),
      numberMasked: z.string(),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
    }),
  ),
});
