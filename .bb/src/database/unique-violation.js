import { QueryFailedError } from 'typeorm';
/**
 * The database's unique constraints are the last word on duplicates (two racing requests both
 * pass any check made before the insert). This turns the named violation into a domain error.
 */
export function onUniqueViolation(constraint, toError) {
    return (error) => {
        throw isUniqueViolation(error, constraint) ? toError() : error;
    };
}
export function isUniqueViolation(error, constraint) {
    const driverError = error instanceof QueryFailedError ? error.driverError : null;
    return driverError?.code === '23505' && (driverError.constraint === constraint || !driverError.constraint);
}
//# sourceMappingURL=unique-violation.js.map