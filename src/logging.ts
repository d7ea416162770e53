import pino, { type LoggerOptions, type Logger } from 'pino';
import { errSerializer } from './lib/loggable-error.js';

/** Body fields that carry a caller's number or words: never logged. */
export const redactPaths = [
  'From', 'To', 'Caller', 'Called', 'SpeechResult', 'UnstableSpeechResult', 'Digits', 'ForwardedFrom',
  '*.From', '*.To', '*.Caller', '*.Called', '*.SpeechResult', '*.UnstableSpeechResult', '*.ForwardedFrom',
  '*.phone', '*.callerNumber', '*.number', '*.email', '*.words', '*.description',
  'req.headers.cookie', 'req.headers.authorization', 'req.headers["x-twilio-signature"]',
];

// Phone numbers in any shape ("+14105551234", "410-555-1234", "(410) 555 1234"), wherever they
// appear in a line, including inside messages and URLs. Seven or more digits with separators.
// Not inside a longer word, so a CallSid (CA + 32 hex digits) keeps its digits; but a number
// right after a URL-encoded plus (From=%2B1410…) is still a number.
const PHONE = /(?<!(?<!%2)[\w+])(?:\+?\d[\s().-]{0,2}){7,15}\d(?!\w)/g;

/** Replaces anything that looks like a phone number in a serialised log line. */
export function scrubPhoneNumbers(line: string): string {
  return line.replace(PHONE, (match) => {
    const digits = match.replace(/\D/g, '');
    // Timestamps ("time":1764126…) and ids are digits too: only numbers of phone length are hidden.
    if (digits.length < 7 || digits.length > 15) return match;
    if (/^\d{13}$/.test(match)) return match; // epoch milliseconds
    return '[phone]';
  });
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    // A driver's error carries the statement's parameters (names, emails, descriptions): never logged.
    serializers: { err: errSerializer },
    hooks: {
      streamWrite: scrubPhoneNumbers,
    },
  };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}
