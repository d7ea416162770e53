import { CallEngine, type CallEngineOptions } from './call-engine.js';
import { twilioCallParams } from './call-params.js';
import { httpTransport } from './http-transport.js';
import { formatEvent, parseInput } from './terminal.js';

export interface PlaceCallOptions {
  /** Where the service listens. */
  serviceUrl: string;
  /** The URL the service is configured with (PUBLIC_BASE_URL): signatures are computed for it. */
  publicBaseUrl?: string;
  authToken: string;
  from: string;
  to: string;
  /** Caller input lines, in order (a script, or the terminal); the call hangs up when they run out. */
  inputs: AsyncIterable<string> | Iterable<string>;
  print: (line: string) => void;
  /** Print each scripted input as "> input" (the terminal already shows what was typed). */
  echoInputs?: boolean;
  engine?: Partial<CallEngineOptions>;
}

/** Places one call against a running service and plays it through to the end. */
export async function placeCall(options: PlaceCallOptions): Promise<CallEngine> {
  const publicBaseUrl = options.publicBaseUrl ?? options.serviceUrl;
  const engine = new CallEngine({
    transport: httpTransport({ authToken: options.authToken, publicBaseUrl, serviceUrl: options.serviceUrl }),
    publicBaseUrl,
    params: twilioCallParams({ from: options.from, to: options.to }),
    onEvent: (event) => {
      const line = formatEvent(event, publicBaseUrl);
      if (line !== undefined) options.print(line);
    },
    ...options.engine,
  });
  options.print(`Calling ${options.to} from ${options.from} at ${publicBaseUrl}`);
  await engine.start();
  if (engine.ended) return engine;
  for await (const line of options.inputs) {
    if (options.echoInputs) options.print(`> ${line}`);
    await engine.input(parseInput(line));
    if (engine.ended) return engine;
  }
  options.print('(no more input: the caller hangs up)');
  await engine.input({ kind: 'hangup' });
  return engine;
}
