import { QueryFailedError } from 'typeorm';

/**
 * The database's unique constraints are the last word on duplicates (two racing requests both
 * pass any check made before the insert). This turns the named violation into a domain error.
 */
export function onUniqueViolation(constraint: string, toError: () => Error) {
  return (error: unknown): never => {
    throw isUniqueViolation(error, constraint) ? toError() : error;
  };
}

/** Through TypeORM (QueryFailedError) or straight from the driver (a COPY's error). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = (error instanceof QueryFailedError ? error.driverError : error) as { code?: string; constraint?: string } | null;
  return driverError?.code === '23505' && (driverError.constraint === constraint || !driverError.constraint);
}
