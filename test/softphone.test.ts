import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import { placeCall } from '../scripts/softphone/softphone.js';
import { parseInput } from '../scripts/softphone/terminal.js';
import { parseOptions } from '../scripts/softphone/options.js';

const TOKEN = 'softphone-test-token-0123456789';

// A tiny stand-in for the service: fixed TwiML, and every signature checked with twilio's own
// validateRequest against the URL the softphone was told is public.
let server: FastifyInstance;
let baseUrl = '';
const requests: { path: string; params: Record<string, string>; valid: boolean }[] = [];

beforeAll(async () => {
  server = Fastify();
  await server.register(formbody);
  const params = (request: FastifyRequest) => ({ ...(request.body as Record<string, string>) });
  server.addHook('preHandler', async (request) => {
    const body = params(request);
    const signature = String(request.headers['x-twilio-signature'] ?? '');
    requests.push({ path: request.url, params: body, valid: validateRequest(TOKEN, signature, `${baseUrl}${request.url}`, body) });
  });
  const twiml = (build: (response: VoiceResponse) => void) => {
    const response = new VoiceResponse();
    build(response);
    return response.toString();
  };
  server.addHook('onSend', async (request, reply, payload) => {
    if (request.url !== '/voice/status') reply.type('text/xml');
    return payload;
  });
  server.post('/voice/incoming', async () =>
    twiml((r) => {
      const gather = r.gather({ input: ['dtmf', 'speech'], action: '/voice/answer', numDigits: 1, hints: 'goodbye' });
      gather.say('Press 1 to speak to an agent, or say goodbye.');
      r.redirect('/voice/incoming');
    }),
  );
  server.post('/voice/answer', async (request) =>
    twiml((r) => {
      if (params(request).Digits === '1') {
        r.say('Please hold.');
        r.enqueue({ waitUrl: '/voice/wait', action: '/voice/queue-done' }, 'general');
      } else {
        r.say('Goodbye.');
        r.hangup();
      }
    }),
  );
  server.post('/voice/wait', async (request) =>
    twiml((r) => {
      r.say(`You are caller number ${params(request).QueuePosition}.`);
      r.gather({ numDigits: 1, action: '/voice/wait-key' }).say('Press star to leave the queue.');
      r.pause({ length: 10 });
    }),
  );
  server.post('/voice/wait-key', async () => twiml((r) => r.leave()));
  server.post('/voice/queue-done', async (request) =>
    twiml((r) => {
      r.say(`You left the queue: ${params(request).QueueResult}.`);
      r.hangup();
    }),
  );
  server.post('/voice/status', async (_request, reply) => reply.code(204).send());
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => server.close());

async function call(script: string[]) {
  requests.length = 0;
  const transcript: string[] = [];
  const engine = await placeCall({
    serviceUrl: baseUrl,
    authToken: TOKEN,
    from: '+14105550100',
    to: '311',
    inputs: script,
    echoInputs: true,
    print: (line) => transcript.push(line),
  });
  return { engine, transcript };
}

describe('softphone', () => {
  it('plays a Gather, sends speech and ends with the status callback', async () => {
    const { engine, transcript } = await call(['goodbye']);
    expect(transcript).toEqual([
      `Calling 311 from +14105550100 at ${baseUrl}`,
      '  -> POST /voice/incoming',
      'Say: Press 1 to speak to an agent, or say goodbye.',
      '[listening for keys or speech (1 digit(s); hints: goodbye)]',
      '> goodbye',
      '  -> POST /voice/answer  SpeechResult=goodbye  Confidence=0.9',
      'Say: Goodbye.',
      '[call ended: the service hung up]',
      expect.stringMatching(/^ {2}-> POST \/voice\/status {2}CallStatus=completed {2}CallDuration=\d+$/),
      '  <- status callback answered HTTP 204',
    ]);
    expect(engine.ended).toBe(true);
    expect(requests.map((r) => r.path)).toEqual(['/voice/incoming', '/voice/answer', '/voice/status']);
    expect(requests.every((r) => r.valid)).toBe(true);
    expect(requests[0]?.params).toMatchObject({ CallStatus: 'ringing', From: '+14105550100', To: '311', ApiVersion: '2010-04-01' });
  });

  it('holds in the queue, presses a key at the wait Gather and leaves through the Enqueue action', async () => {
    const { transcript } = await call(['1', '*']);
    expect(transcript.slice(4)).toEqual([
      '> 1',
      '  -> POST /voice/answer  Digits=1',
      'Say: Please hold.',
      '[placed in queue "general"]',
      '  -> POST /voice/wait  QueuePosition=1',
      'Say: You are caller number 1.',
      'Say: Press star to leave the queue.',
      '[listening for keys (1 digit(s))]',
      '> *',
      '  -> POST /voice/wait-key  Digits=*',
      '[out of the queue: leave]',
      '  -> POST /voice/queue-done  QueueResult=leave',
      'Say: You left the queue: leave.',
      '[call ended: the service hung up]',
      expect.stringMatching(/\/voice\/status/),
      '  <- status callback answered HTTP 204',
    ]);
    expect(requests.find((r) => r.path === '/voice/wait')?.params).toMatchObject({
      QueuePosition: '1',
      CurrentQueueSize: '1',
      QueueSid: expect.stringMatching(/^QU[0-9a-f]{32}$/),
      QueueTime: expect.stringMatching(/^\d+$/),
      AvgQueueTime: expect.stringMatching(/^\d+$/),
    });
    expect(requests.every((r) => r.valid)).toBe(true);
  });

  it('replays the waitUrl on silence and reports a hang-up in the queue to the action', async () => {
    const { transcript } = await call(['1', '', '', 'hangup']);
    expect(transcript.filter((l) => l.startsWith('  ->'))).toEqual([
      '  -> POST /voice/incoming',
      '  -> POST /voice/answer  Digits=1',
      '  -> POST /voice/wait  QueuePosition=1',
      '  -> POST /voice/wait  QueuePosition=1',
      '  -> POST /voice/queue-done  QueueResult=hangup',
      expect.stringMatching(/\/voice\/status {2}CallStatus=completed/),
    ]);
    expect(transcript).toContain('(pause 10 s)');
    expect(transcript).toContain('[on hold in "general": Enter waits longer, "hangup" gives up]');
    expect(transcript).not.toContain('Say: You left the queue: hangup.');
  });

  it('hangs up when the script runs out', async () => {
    const { transcript } = await call([]);
    expect(transcript).toContain('(no more input: the caller hangs up)');
    expect(transcript).toContain('[call ended: caller hung up]');
  });

  it('reports a signature the service would refuse', async () => {
    requests.length = 0;
    await placeCall({ serviceUrl: baseUrl, authToken: 'wrong-token-0000000000', from: '+14105550100', to: '311', inputs: ['hangup'], print: () => {} });
    expect(requests[0]?.valid).toBe(false);
  });
});

describe('softphone input', () => {
  it('reads key presses, speech, silence and hangup', () => {
    expect(parseInput('1')).toEqual({ kind: 'digits', digits: '1' });
    expect(parseInput('#')).toEqual({ kind: 'digits', digits: '#' });
    expect(parseInput('press 24#')).toEqual({ kind: 'digits', digits: '24#' });
    expect(parseInput('say pothole on Charles Street')).toEqual({ kind: 'speech', text: 'pothole on Charles Street' });
    expect(parseInput('missed trash pickup @0.4')).toEqual({ kind: 'speech', text: 'missed trash pickup', confidence: 0.4 });
    expect(parseInput('   ')).toEqual({ kind: 'silence' });
    expect(parseInput('hangup')).toEqual({ kind: 'hangup' });
  });

  it('defaults to 311 from a Baltimore number, and --out-of-area calls the 443 line', () => {
    expect(parseOptions([], {})).toMatchObject({ serviceUrl: 'http://localhost:3000', from: '+14105550100', to: '311' });
    // As the service itself: an unset PUBLIC_BASE_URL is localhost on PORT.
    expect(parseOptions([], { PORT: '8080', PUBLIC_BASE_URL: '' })).toMatchObject({ serviceUrl: 'http://localhost:8080', publicBaseUrl: 'http://localhost:8080' });
    expect(parseOptions(['--out-of-area', '--script', '1| pothole |'], { PUBLIC_BASE_URL: 'https://311.example.org/' })).toMatchObject({
      serviceUrl: 'https://311.example.org',
      to: '+14432632220',
      script: ['1', 'pothole', ''],
    });
  });
});

describe('the softphone on a long hint list', () => {
  it('prints the first few hints and how many more, not hundreds of names', async () => {
    const { shortHints } = await import('../scripts/softphone/terminal.js');
    const many = Array.from({ length: 300 }, (_, i) => `Street ${i}`).join(',');
    expect(shortHints(many)).toBe('Street 0, Street 1, Street 2, Street 3, Street 4, Street 5 … and 294 more');
    expect(shortHints('yes,no')).toBe('yes, no');
  });
});
