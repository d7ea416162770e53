import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseScript } from './terminal.js';

export const USAGE = `Usage: npm run call -- [options]

Places a call against the voice service the way Twilio would, signing every request.
Type a key press ("1", "#", "123#"), words to say ("say pothole" or just "pothole",
"pothole @0.4" for a low confidence), an empty line for silence, or "hangup".

Options:
  --url <url>          the service (default: $PUBLIC_BASE_URL, else http://localhost:$PORT, PORT 3000)
  --public-url <url>   the URL the service signs for, if not --url (default: $PUBLIC_BASE_URL)
  --from <number>      caller number (default +14105550100)
  --to <number>        number called (default 311)
  --out-of-area        call the out-of-area number +14432632220 instead of 311
  --token <token>      auth token (default: $TWILIO_AUTH_TOKEN, else the token the service
                       wrote to \${DATA_DIR:-./data}/twilio-local-auth-token)
  --script "1|pothole|yes||hangup"
                       run these inputs, one per element, instead of reading the terminal
  --start              start the service in this process if nothing answers at --url
  --help`;

export interface SoftphoneOptions {
  serviceUrl: string;
  publicBaseUrl: string;
  from: string;
  to: string;
  token?: string;
  script?: string[];
  start: boolean;
  help: boolean;
}

export function parseOptions(argv: string[], env: Record<string, string | undefined>): SoftphoneOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      'public-url': { type: 'string' },
      from: { type: 'string', default: '+14105550100' },
      to: { type: 'string' },
      'out-of-area': { type: 'boolean', default: false },
      token: { type: 'string' },
      script: { type: 'string' },
      start: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const serviceUrl = (values.url ?? (env.PUBLIC_BASE_URL || `http://localhost:${env.PORT || 3000}`)).replace(/\/+$/, '');
  const options: SoftphoneOptions = {
    serviceUrl,
    publicBaseUrl: (values['public-url'] ?? (env.PUBLIC_BASE_URL || serviceUrl)).replace(/\/+$/, ''),
    from: values.from ?? '+14105550100',
    to: values.to ?? (values['out-of-area'] ? '+14432632220' : '311'),
    start: values.start ?? false,
    help: values.help ?? false,
  };
  const token = values.token ?? env.TWILIO_AUTH_TOKEN;
  if (token) options.token = token;
  if (values.script !== undefined) options.script = parseScript(values.script);
  return options;
}

/** The file the service writes its generated token to when no TWILIO_AUTH_TOKEN is configured. */
export function localTokenPath(env: Record<string, string | undefined>): string {
  return join(env.DATA_DIR || './data', 'twilio-local-auth-token');
}

export async function resolveToken(options: SoftphoneOptions, env: Record<string, string | undefined>): Promise<string> {
  if (options.token) return options.token;
  const path = localTokenPath(env);
  try {
    const token = (await readFile(path, 'utf8')).trim();
    if (token) return token;
  } catch {
    // fall through to the message below
  }
  throw new Error(`No auth token: pass --token, set TWILIO_AUTH_TOKEN, or start the service once so it writes ${path}`);
}
