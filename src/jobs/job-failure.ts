/**
 * What a failed job leaves behind. pg-boss stores a handler's error, serialised whole, in the
 * job's row (its `output`), where anyone reading the queue's tables sees it. A database error
 * carries the statement's data: a COPY's `where` names the line it refused (a student's name, a
 * guardian's phone), and messages such as "invalid input syntax for type uuid" quote the value.
 * So the queue is handed a new error that keeps the kind of failure only: the error's name, the
 * database's SQLSTATE code and the constraint it names, when there are.
 */
export function jobFailure(error: unknown): Error {
  const { name, code, constraint } = (error ?? {}) as { name?: unknown; code?: unknown; constraint?: unknown };
  const parts = [typeof name === 'string' ? name : 'Error'];
  if (typeof code === 'string') parts.push(code);
  if (typeof constraint === 'string') parts.push(`on ${constraint}`);
  const failure = new Error(`job failed: ${parts.join(' ')}`);
  failure.name = 'JobFailed';
  return failure;
}
