import { describe, expect, it } from 'vitest';
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import {
  assertValidTwiml,
  dialOf,
  enqueueOf,
  gatherOf,
  hasHangup,
  parseTwiml,
  redirectOf,
  spokenText,
  twimlRules,
  validateTwiml,
} from './helpers/twiml.js';

const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;

function menu(): VoiceResponse {
  const twiml = new VoiceResponse();
  twiml.say({ voice: 'Polly.Joanna-Neural', language: 'en-US' }, 'Baltimore City 3 1 1.');
  const gather = twiml.gather({
    input: ['dtmf', 'speech'],
    action: '/voice/step/menu',
    method: 'POST',
    numDigits: 1,
    timeout: 5,
    speechTimeout: 'auto',
    hints: 'pothole, trash, streetlight',
    language: 'en-US',
  });
  gather.say('Press 1 or say pothole.');
  gather.pause({ length: 1 });
  twiml.redirect({ method: 'POST' }, '/voice/step/menu?noInput=1');
  return twiml;
}

describe('TwiML rules', () => {
  it('reads verbs, nesting and attributes from the installed twilio declarations', () => {
    const rules = twimlRules();
    const response = rules.classes.get('VoiceResponse');
    expect([...(response?.keys() ?? [])]).toEqual(expect.arrayContaining(['Say', 'Gather', 'Redirect', 'Enqueue', 'Dial', 'Hangup']));
    expect([...(rules.classes.get('Gather')?.keys() ?? [])].sort()).toEqual(['Pause', 'Play', 'Say']);
    const gather = response?.get('Gather');
    expect(gather?.attributes.get('input')?.values).toEqual(['dtmf', 'speech']);
    expect(gather?.attributes.get('timeout')?.kind).toBe('number');
    expect(rules.classes.get('Say')?.get('say-as')?.attributes.has('interpret-as')).toBe(true);
  });
});

describe('assertValidTwiml', () => {
  it('accepts documents built with twilio VoiceResponse', () => {
    expect(validateTwiml(menu().toString())).toEqual([]);

    const queue = new VoiceResponse();
    queue.say('Please hold for an agent.');
    queue.enqueue({ waitUrl: '/voice/queue/wait', action: 'https://311.example.org/voice/queue/left', method: 'POST' }, 'general');
    expect(validateTwiml(queue.toString())).toEqual([]);

    const confirmation = new VoiceResponse();
    confirmation.say('Your number is ').sayAs({ 'interpret-as': 'digits' }, '24 00 123');
    confirmation.dial({ callerId: '+14432632220', timeout: 20 }).queue({ url: '/voice/queue/whisper' }, 'general');
    confirmation.hangup();
    expect(validateTwiml(confirmation.toString())).toEqual([]);
  });

  it('rejects an unknown verb, naming its path', () => {
    expect(() => assertValidTwiml(doc('<Say>hi</Say><Speak>hi</Speak><Hangup/>'))).toThrow(
      /Response\/Speak\[1\]: <Speak> is not allowed in <Response>/,
    );
  });

  it('rejects a Say inside a Say', () => {
    expect(validateTwiml(doc('<Say>Hello <Say>again</Say></Say>'))).toEqual([
      expect.stringMatching(/^Response\/Say\[1\]\/Say\[1\]: <Say> is not allowed in <Say> \(allowed: break, emphasis/),
    ]);
  });

  it('rejects an attribute twilio does not declare for the element', () => {
    expect(validateTwiml(doc('<Say voice="woman" speed="fast">hi</Say>'))).toEqual([
      expect.stringMatching(/^Response\/Say\[1\]: attribute "speed" is not declared for <Say> \(declared: language, loop, voice\)/),
    ]);
    expect(validateTwiml(doc('<Hangup reason="done"/>'))[0]).toMatch(/it takes no attributes/);
  });

  it('rejects enumerated values outside the declared union', () => {
    const errors = validateTwiml(doc('<Gather input="dtmf voice" action="/next" method="PUT"/><Redirect>/next</Redirect>'));
    expect(errors).toEqual([
      'Response/Gather[1]: attribute input: "voice" is not one of dtmf, speech',
      'Response/Gather[1]: attribute method: "PUT" is not one of GET, POST',
    ]);
  });

  it('rejects numbers, booleans and speechTimeout values of the wrong shape', () => {
    const errors = validateTwiml(
      doc('<Gather numDigits="one" actionOnEmptyResult="yes" speechTimeout="soon" action="/n"/><Redirect>/n</Redirect>'),
    );
    expect(errors).toEqual([
      'Response/Gather[1]: attribute numDigits: "one" is not a number',
      'Response/Gather[1]: attribute actionOnEmptyResult: "yes" is not true or false',
      expect.stringMatching(/attribute speechTimeout: "soon" does not match/),
    ]);
  });

  it('rejects a Gather with nothing after it', () => {
    expect(() => assertValidTwiml(doc('<Gather action="/next"><Say>Press 1</Say></Gather>'), { gatherFallthrough: 'any-verb' })).toThrow(
      /Response\/Gather\[1\]: nothing follows the <Gather>, so the call ends on silence/,
    );
  });

  it('requires a Redirect after a Gather unless actionOnEmptyResult is set', () => {
    expect(validateTwiml(doc('<Gather action="/next"/><Say>Goodbye</Say><Hangup/>'))).toEqual([
      expect.stringMatching(/^Response\/Gather\[1\]: no <Redirect> follows the <Gather>/),
    ]);
    expect(validateTwiml(doc('<Gather action="/next"/><Say>Goodbye</Say><Hangup/>'), { gatherFallthrough: 'any-verb' })).toEqual([]);
    expect(validateTwiml(doc('<Gather action="/next" actionOnEmptyResult="true"/>'))).toEqual([]);
  });

  it('rejects action URLs that are neither absolute nor root-relative', () => {
    expect(validateTwiml(doc('<Enqueue waitUrl="queue/wait" action="ftp://x/y">general</Enqueue>'))).toEqual([
      'Response/Enqueue[1]: attribute waitUrl: "queue/wait" is not an absolute (http/https) or root-relative URL',
      'Response/Enqueue[1]: attribute action: "ftp://x/y" is not an absolute (http/https) or root-relative URL',
    ]);
    expect(validateTwiml(doc('<Redirect>next-step</Redirect>'))[0]).toMatch(/Redirect\[1\]: "next-step" is not an absolute/);
  });

  it('rejects a wrong root, stray text, empty Say and verbs after a Hangup', () => {
    expect(validateTwiml('<Respond><Say>hi</Say></Respond>')).toEqual(['the root element is <Respond>, TwiML needs <Response>']);
    expect(validateTwiml(doc('hello<Hangup/>'))).toEqual(['Response: text "hello" is not allowed in <Response>']);
    expect(validateTwiml(doc('<Say></Say>'))).toEqual(['Response/Say[1]: <Say> needs its message']);
    expect(validateTwiml(doc('<Hangup/><Say>bye</Say>'))).toEqual([
      'Response/Say[1]: never runs, Twilio stops reading the document at Response/Hangup[1]',
    ]);
    expect(validateTwiml('<Response><Say>unclosed</Response>')[0]).toMatch(/not well-formed XML/);
  });
});

describe('reading a response', () => {
  it('gives the spoken text in order with SSML stripped', () => {
    const twiml = menu();
    twiml.say('Your number is').sayAs({ 'interpret-as': 'digits' }, '123');
    expect(spokenText(twiml.toString())).toEqual(['Baltimore City 3 1 1.', 'Press 1 or say pothole.', 'Your number is 123']);
  });

  it('gives the Gather, Redirect, Enqueue, Hangup and Dial', () => {
    const xml = menu().toString();
    expect(gatherOf(xml)).toMatchObject({ action: '/voice/step/menu', input: 'dtmf speech', hints: 'pothole, trash, streetlight', language: 'en-US' });
    expect(redirectOf(xml)).toBe('/voice/step/menu?noInput=1');
    expect(hasHangup(xml)).toBe(false);
    expect(enqueueOf(xml)).toBeUndefined();

    const transfer = new VoiceResponse();
    transfer.enqueue({ waitUrl: '/voice/queue/wait' }, 'sanitation');
    expect(enqueueOf(transfer.toString())).toEqual({ name: 'sanitation', waitUrl: '/voice/queue/wait', attributes: { waitUrl: '/voice/queue/wait' } });

    const dial = new VoiceResponse();
    dial.dial({ timeout: 20 }).number('+14105550199');
    dial.hangup();
    expect(dialOf(dial.toString())).toEqual({
      attributes: { timeout: '20' },
      targets: [{ noun: 'Number', value: '+14105550199', attributes: {} }],
    });
    expect(hasHangup(dial.toString())).toBe(true);
  });

  it('keeps text and elements in document order', () => {
    const root = parseTwiml(doc('<Say>a<break time="1s"/>b</Say>'));
    expect(root.children).toEqual([{ name: 'Say', attributes: {}, children: ['a', { name: 'break', attributes: { time: '1s' }, children: [] }, 'b'] }]);
  });
});
