import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions, scrubPhoneNumbers } from '../../src/logging.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino(loggerOptions('info'), stream), lines };
}

describe('logging', () => {
  it('redacts caller fields of a webhook body', () => {
    const { logger, lines } = capture();
    logger.info({ body: { From: '+14105551234', To: '311', Caller: '+14105551234', SpeechResult: 'my neighbour at 12 Elm St', CallSid: 'CAabc' } }, 'webhook');
    const line = lines.join('');
    expect(line).not.toContain('5551234');
    expect(line).not.toContain('neighbour');
    expect(line).toContain('CAabc');
  });

  it('hides phone numbers anywhere in a line, in any format', () => {
    for (const number of ['+14105551234', '410-555-1234', '(410) 555 1234', '410.555.1234']) {
      const { logger, lines } = capture();
      logger.info(`calling back ${number} now`);
      expect(lines.join('')).not.toContain(number);
      expect(lines.join('')).toContain('[phone]');
    }
  });

  it("logs a failed statement's error without the parameters the driver put in it", () => {
    const { logger, lines } = capture();
    const err = Object.assign(new Error('Failed query: insert into service_requests values ($1, $2)\nparams: Ysolde,ysolde.q@example.org'), {
      query: 'insert …',
      parameters: ['Ysolde', 'ysolde.q@example.org'],
    });
    logger.error({ err, route: '/open311/v2/:file' }, 'open311 request failed');
    const line = lines.join('');
    expect(line).not.toContain('Ysolde');
    expect(line).not.toContain('ysolde.q@example.org');
    expect(JSON.parse(line)).toMatchObject({ route: '/open311/v2/:file', err: { type: 'Error', message: expect.stringContaining('Failed query') } });
  });

  it('keeps timestamps and short numbers', () => {
    expect(scrubPhoneNumbers('{"time":1764126000000,"seq":12,"ms":350}')).toBe('{"time":1764126000000,"seq":12,"ms":350}');
  });
});

describe('log scrubbing', () => {
  it('keeps a CallSid whole, so a call can be traced through the logs', () => {
    const sid = 'CA12af3456789012345678901234cfe7';
    expect(scrubPhoneNumbers(`{"callSid":"${sid}"}`)).toBe(`{"callSid":"${sid}"}`);
  });
});
