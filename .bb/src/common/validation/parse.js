import { ValidationError } from '../errors/domain-error.js';
/** Parses untrusted input with a zod schema; a failure names every bad field (400). */
export function parseInput(schema, input, root = 'body') {
    const result = schema.safeParse(input ?? {});
    if (result.success)
        return result.data;
    throw new ValidationError(result.error.issues.map((issue) => ({
        field: issue.path.length ? issue.path.join('.') : root,
        message: issue.message,
    })));
}
//# sourceMappingURL=parse.js.map