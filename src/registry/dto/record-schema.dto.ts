import { z } from 'zod';
import { visibleText } from '../../common/validation/text.js';
import { DEFAULT_MAX_LENGTH, MAX_FIELDS } from '../domain/record-schema.js';

const base = {
  name: z.string().max(40).describe('the key in a record’s extra: lower camel case, e.g. leftBehindChild'),
  label: visibleText(1, 60).optional().describe('what a console shows, e.g. 是否留守儿童'),
  required: z.boolean().default(false),
};

/** One non-basic field of a province's record schema (第三条), by its type. */
export const ExtraFieldDefinition = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('string'), maxLength: z.number().int().min(1).max(2000).default(DEFAULT_MAX_LENGTH) }).strict(),
  z.object({ ...base, type: z.literal('enum'), values: z.array(visibleText(1, 60)).min(1, 'an enum field lists its values').max(100) }).strict(),
  z.object({ ...base, type: z.literal('number') }).strict(),
  z.object({ ...base, type: z.literal('date') }).strict(),
  z.object({ ...base, type: z.literal('boolean') }).strict(),
]);

const cutoff = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a day of the year, MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`2024-${d}T00:00:00Z`)) && new Date(`2024-${d}T00:00:00Z`).toISOString().slice(5, 10) === d, 'is not a day of the year')
  .refine((d) => d !== '02-29', 'must be a day every year has');

export const EntryAge = z.object({
  minimumAge: z.union([z.literal(6), z.literal(7)]).default(6).describe('6, or 7 where the province allows it (第十一条)'),
  cutoff: cutoff.default('08-31').describe('the day of the entry year the age is counted on'),
});

export const PutRecordSchemaRequest = z.object({
  fields: z.array(ExtraFieldDefinition).max(MAX_FIELDS, `at most ${MAX_FIELDS} fields`),
  entryAge: EntryAge.default({ minimumAge: 6, cutoff: '08-31' }),
  expectedVersion: z.number().int().positive().optional().describe('optimistic lock: the version you read'),
});

export const RecordSchema = z.object({
  provinceCode: z.string(),
  fields: z.array(
    z.object({
      name: z.string(),
      label: z.string().optional(),
      type: z.enum(['string', 'number', 'date', 'enum', 'boolean']),
      required: z.boolean(),
      values: z.array(z.string()).optional(),
      maxLength: z.number().int().optional(),
    }),
  ),
  entryAge: z.object({ minimumAge: z.number().int(), cutoff: z.string() }),
  version: z.number().int().describe('0 while the province has set nothing (the defaults apply)'),
  updatedAt: z.string().nullable(),
});

export type RecordSchemaView = z.infer<typeof RecordSchema>;
