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
