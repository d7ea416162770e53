import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import {
  TEST_AUTH_TOKEN,
  TEST_PUBLIC_BASE_URL,
  TestCaller,
  signedPost,
  twilioCallParams,
  twilioSignature,
} from './helpers/twilio-request.js';

// A stand-in service: it checks every signature as the real one must, and logs what it got.
function fakeService() {
  const app = Fastify();
  const seen: { path: string; params: Record<string, string>; valid: boolean }[] = [];
  const body = (request: FastifyRequest) => ({ ...(request.body as Record<string, string>) });
  const xml = (twiml: VoiceResponse) => twiml.toString();
  app.register(formbody);
  app.addHook('preHandler', async (request) => {
    const params = request.method === 'POST' ? body(request) : {};
    const valid = validateRequest(TEST_AUTH_TOKEN, String(request.headers['x-twilio-signature']), `${TEST_PUBLIC_BASE_URL}${request.url}`, params);
    seen.push({ path: request.url, params, valid });
  });
  app.register(async (voice) => {
    voice.addHook('onSend', async (_request, reply, payload) => {
      reply.type('text/xml');
      return payload;
    });
    voice.post('/voice/incoming', async () => {
      const twiml = new VoiceResponse();
      twiml.say('Welcome.');
      twiml.redirect('/voice/menu');
      return xml(twiml);
    });
    voice.post('/voice/menu', async (request) => {
      const retry = (request.query as { retry?: string }).retry;
      const twiml = new VoiceResponse();
      const gather = twiml.gather({ input: ['dtmf', 'speech'], action: '/voice/choice', numDigits: 1 });
      gather.say(retry ? 'Sorry, I did not hear you. Press 1 or say agent.' : 'Press 1 or say agent.');
      twiml.redirect('/voice/menu?retry=1');
      return xml(twiml);
    });
    voice.post('/voice/choice', async (request) => {
      const { Digits, SpeechResult } = body(request);
      const twiml = new VoiceResponse();
      if (Digits === '1') {
        twiml.say('Goodbye.');
        twiml.hangup();
      } else if (SpeechResult === 'agent') {
        twiml.say('Connecting you.');
        twiml.enqueue({ waitUrl: '/voice/wait', action: '/voice/left' }, 'general');
      } else {
        twiml.redirect('/voice/menu?retry=1');
      }
      return xml(twiml);
    });
    voice.post('/voice/wait', async (request) => {
      const twiml = new VoiceResponse();
      twiml.say(`You are number ${body(request).QueuePosition} in line.`);
      twiml.play('https://example.org/hold.mp3');
      return xml(twiml);
    });
    voice.post('/voice/left', async () => xml(new VoiceResponse()));
    voice.post('/voice/status', async () => xml(new VoiceResponse()));
  });
  return { app, seen };
}

describe('signedPost', () => {
  it('matches the signature in Twilio\'s documented example', () => {
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('signs the public URL and the POST parameters the service receives', async () => {
    const { app, seen } = fakeService();
    const params = twilioCallParams({ from: '+14105550100', to: '+14432632220' });
    const response = await signedPost(app, { url: '/voice/incoming', params, authToken: TEST_AUTH_TOKEN, publicBaseUrl: TEST_PUBLIC_BASE_URL });
    expect(response.statusCode).toBe(200);
    expect(seen).toEqual([{ path: '/voice/incoming', params, valid: true }]);
    expect(params).toMatchObject({ ApiVersion: '2010-04-01', Direction: 'inbound', Caller: '+14105550100', FromCity: 'BALTIMORE', FromState: 'MD' });
    await app.close();
  });
});

describe('TestCaller', () => {
  let service: ReturnType<typeof fakeService>;
  beforeAll(() => {
    service = fakeService();
  });
  afterAll(() => service.app.close());

  it('follows a Redirect to the first Gather and presses a key to the end of the call', async () => {
    const caller = await new TestCaller({ app: service.app }).start();
    expect(caller.heard()).toBe('Welcome. Press 1 or say agent.');
    expect(caller.gather()).toMatchObject({ action: '/voice/choice', input: 'dtmf speech' });
    await caller.press('1');
    expect(caller.heard()).toBe('Goodbye.');
    expect(caller.hungUp()).toBe(true);
    const paths = service.seen.filter((s) => s.params.CallSid === caller.callSid).map((s) => s.path);
    expect(paths).toEqual(['/voice/incoming', '/voice/menu', '/voice/choice', '/voice/status']);
    expect(service.seen.every((s) => s.valid)).toBe(true);
  });

  it('on silence runs the Redirect after the Gather', async () => {
    const caller = await new TestCaller({ app: service.app }).start();
    await caller.silence();
    expect(caller.heard()).toBe('Sorry, I did not hear you. Press 1 or say agent.');
    expect(caller.url).toBe(`${TEST_PUBLIC_BASE_URL}/voice/menu?retry=1`);
  });

  it('sends speech with its confidence and reports the queue it joined', async () => {
    const caller = await new TestCaller({ app: service.app }).start();
    await caller.say('agent', 0.81);
    const choice = service.seen.findLast((s) => s.path === '/voice/choice');
    expect(choice?.params).toMatchObject({ SpeechResult: 'agent', Confidence: '0.81', CallStatus: 'in-progress' });
    expect(caller.enqueued()).toMatchObject({ name: 'general', waitUrl: '/voice/wait' });
    expect(caller.heard()).toBe('Connecting you. You are number 1 in line.');
    await caller.hangUp();
    expect(service.seen.findLast((s) => s.path === '/voice/left')?.params).toMatchObject({ QueueResult: 'hangup' });
    expect(service.seen.at(-1)?.params).toMatchObject({ CallStatus: 'completed' });
  });

  it('resolves relative URLs against the request that produced them, when allowed', async () => {
    const app = Fastify();
    await app.register(formbody);
    const paths: string[] = [];
    const answer = (twiml: VoiceResponse) => twiml.toString();
    app.addHook('onRequest', async (request) => {
      paths.push(request.url);
    });
    app.post('/voice/steps/start', async (_request, reply) => {
      const twiml = new VoiceResponse();
      twiml.redirect('next?from=start');
      return reply.type('text/xml').send(answer(twiml));
    });
    app.post('/voice/steps/next', async (_request, reply) => {
      const twiml = new VoiceResponse();
      twiml.say('Next step.');
      twiml.hangup();
      return reply.type('text/xml').send(answer(twiml));
    });
    const caller = new TestCaller({ app, incomingPath: '/voice/steps/start', statusCallbackPath: null, validate: { urls: 'any' } });
    await caller.start();
    expect(paths).toEqual(['/voice/steps/start', '/voice/steps/next?from=start']);
    expect(caller.heard()).toBe('Next step.');
    await app.close();
  });

  it('fails the test when the service answers invalid TwiML', async () => {
    const app = Fastify();
    await app.register(formbody);
    app.post('/voice/incoming', async (_request, reply) => reply.type('text/xml').send('<Response><Gather action="/x"/></Response>'));
    await expect(new TestCaller({ app }).start()).rejects.toThrow(/no <Redirect> follows the <Gather>/);
    await app.close();
  });
});
