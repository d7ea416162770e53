/**
 * `npm run call`: a terminal softphone. It calls the voice service as Twilio would and prints
 * what the caller would hear; see scripts/softphone/options.ts for the options.
 */
import { createInterface } from 'node:readline';
import type { FastifyInstance } from 'fastify';
import { USAGE, parseOptions, resolveToken } from './softphone/options.js';
import { answers, startLocalService } from './softphone/local-service.js';
import { placeCall } from './softphone/softphone.js';

async function* terminalLines(): AsyncGenerator<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  rl.setPrompt('> ');
  try {
    rl.prompt();
    for await (const line of rl) {
      yield line;
      rl.prompt();
    }
  } finally {
    rl.close();
  }
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }

  let local: FastifyInstance | undefined;
  if (!(await answers(options.serviceUrl))) {
    if (!options.start) {
      console.error(`Nothing answers at ${options.serviceUrl}: start the service (npm start) or pass --start.`);
      return 1;
    }
    console.log(`Starting the service at ${options.serviceUrl}...`);
    local = await startLocalService(options.serviceUrl, options.publicBaseUrl, process.env);
  }
  try {
    const engine = await placeCall({
      serviceUrl: options.serviceUrl,
      publicBaseUrl: options.publicBaseUrl,
      authToken: await resolveToken(options, process.env),
      from: options.from,
      to: options.to,
      inputs: options.script ?? terminalLines(),
      echoInputs: options.script !== undefined,
      print: (line) => console.log(line),
    });
    return engine.state.kind === 'ended' ? 0 : 1;
  } finally {
    await local?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  },
);
