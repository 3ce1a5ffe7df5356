/**
 * Rows of a raw query. TypeORM answers a raw UPDATE or DELETE with `[rows, affectedCount]`
 * instead of the rows (SELECT and INSERT … RETURNING give the rows), which is easy to misread.
 */
export function rowsOf(result) {
    if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
        return result[0];
    }
    return result;
}
//# sourceMappingURL=rows.js.map