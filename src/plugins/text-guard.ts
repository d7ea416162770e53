import fp from 'fastify-plugin';
import createError from '@fastify/error';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Refused input, with a code every API and the console answer as a 400 (their own error handlers
 * pass a 4xx's code and message through). The message names the field, never its value.
 */
export const InputErrors = {
  controlCharacter: createError<[string]>(
    'INPUT_CONTROL_CHARACTER',
    '%s contains a control character (NUL or another below space, other than tab and line breaks); remove it and send again',
    400,
  ),
} as const;

// C0 controls but tab, line feed and carriage return; DEL; the C1 block. PostgreSQL refuses NUL
// in text outright (a 500 with the statement, and its parameters, in the error), and none of
// these belongs in a name, an address, a description or a flow prompt.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const MAX_DEPTH = 64;

/** The path of the first string (or key) holding a control character, or undefined. */
export function findControlCharacter(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return CONTROL.test(value) ? path || 'the value' : undefined;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (CONTROL.test(key)) return path ? `a field name in ${path}` : 'a field name';
    const found = findControlCharacter(item, path ? `${path}.${key.slice(0, 64)}` : key.slice(0, 64), depth + 1);
    if (found) return found;
  }
  return undefined;
}

function where(request: FastifyRequest): string | undefined {
  for (const [part, value] of [['body', request.body], ['query', request.query], ['path', request.params]] as const) {
    const found = findControlCharacter(value);
    if (found) return `${part} field ${found}`;
  }
  return undefined;
}

/**
 * One place that refuses control characters in every body field, query parameter and path
 * parameter of the APIs and the console, before any handler (or PostgreSQL) sees them. Twilio's
 * webhooks under /voice/ are left alone: they must answer TwiML whatever they are sent.
 */
async function textGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    if (request.url.startsWith('/voice/')) return;
    const found = where(request);
    if (!found) return;
    request.log.warn({ route: request.routeOptions.url, code: 'INPUT_CONTROL_CHARACTER', field: found }, 'refused a control character');
    throw new InputErrors.controlCharacter(found);
  });
}

export default fp(textGuard, { name: 'text-guard' });
