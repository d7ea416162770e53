/**
 * An error as the service logs it (webhooks, APIs, the console). A failed statement's message from drizzle ends with its
 * parameters ("Failed query: insert …\nparams: +1410…, the caller's words…"), and its stack
 * starts with that message: both are cut, so a caller's number or speech never reaches the log.
 * The database's own error (the cause) keeps its SQLSTATE code and message, which name no values
 * of ours for the faults met here (timeouts, lost connections, raised exceptions).
 */
export function loggableError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const cause = err.cause instanceof Error ? err.cause : undefined;
  return {
    type: err.constructor?.name ?? err.name,
    ...codeOf(err),
    message: withoutParams(err.message).slice(0, 500),
    ...(cause ? { cause: { type: cause.constructor?.name ?? cause.name, ...codeOf(cause), message: withoutParams(cause.message).slice(0, 300) } } : {}),
    stack: (err.stack ?? '')
      .split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .slice(0, 12)
      .join('\n'),
  };
}

function withoutParams(message: string): string {
  const at = message.indexOf('\nparams:');
  return at >= 0 ? message.slice(0, at) : message;
}

function codeOf(err: Error): { code?: string } {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? { code } : {};
}

/** pino's serializer for `err`: an Error as loggableError makes it; anything already made, as it is. */
export function errSerializer(err: unknown): unknown {
  return err instanceof Error ? loggableError(err) : err;
}
