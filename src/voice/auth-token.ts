import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

export const LOCAL_TOKEN_FILE = 'twilio-local-auth-token';

/**
 * The token webhooks are signed with. Without TWILIO_AUTH_TOKEN the service generates one and
 * keeps it in DATA_DIR, where the local softphone finds it: unsigned requests are never accepted.
 */
export function resolveAuthToken(config: Config): { token: string; local: boolean } {
  if (config.TWILIO_AUTH_TOKEN) return { token: config.TWILIO_AUTH_TOKEN, local: false };
  const file = path.resolve(config.DATA_DIR, LOCAL_TOKEN_FILE);
  try {
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 16) return { token, local: true };
  } catch {
    /* first start */
  }
  const token = randomBytes(20).toString('hex');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, local: true };
}
