/**
 * A failed send, reduced to what is safe to store and log: Twilio's error messages quote the
 * destination number ("The 'To' number +1410… is not valid"), so the message is dropped and only
 * the HTTP status, Twilio's error code and the error class are kept.
 */
export interface SendFailure {
  /** Worth another try later (provider or network trouble) or not (the request itself is wrong). */
  retryable: boolean;
  /** A short, PII-free description such as "TWILIO_HTTP_500 code 20500" or "NETWORK ECONNRESET". */
  summary: string;
}

// Twilio answers 400 for a request that will never succeed as written: an invalid or
// unsubscribed number (21211, 21610), a body too long (21617). 401/403/404 usually mean our own
// credentials or account are wrong, which an operator can fix, so those rows wait and retry.
const PERMANENT_STATUSES = new Set([400]);

export function describeSendFailure(err: unknown): SendFailure {
  if (isRestException(err)) {
    const code = typeof err.code === 'number' ? ` code ${err.code}` : '';
    return { retryable: !PERMANENT_STATUSES.has(err.status), summary: `TWILIO_HTTP_${err.status}${code}` };
  }
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const safeCode = typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? ` ${code}` : '';
    return { retryable: true, summary: `NETWORK ${err.name}${safeCode}`.slice(0, 120) };
  }
  return { retryable: true, summary: 'UNKNOWN' };
}

// twilio's RestException is a CommonJS class whose default export does not survive every ESM
// loader the same way, so it is recognised by shape rather than instanceof.
function isRestException(err: unknown): err is { status: number; code?: unknown } {
  if (!(err instanceof Error)) return false;
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' && status >= 100 && status < 600;
}
