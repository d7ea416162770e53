import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../db/names/normalize.js';
import { normalizeSpeech } from '../../src/location/normalize.js';
import { wordsToNumbers } from '../../src/location/numbers.js';

const numbers = (text: string) => wordsToNumbers(text.split(' ')).join(' ');

describe('spoken numbers', () => {
  it('reads "twelve hundred" as 1200', () => expect(numbers('twelve hundred')).toBe('1200'));
  it('reads "thirty four hundred" as 3400', () => expect(numbers('thirty four hundred')).toBe('3400'));
  it('reads "one oh one" as 101', () => expect(numbers('one oh one')).toBe('101'));
  it('reads a house number said in pairs, "fifteen oh two" and "fourteen twenty"', () => {
    expect(numbers('fifteen oh two')).toBe('1502');
    expect(numbers('fourteen twenty')).toBe('1420');
  });
  it('reads "two thousand one hundred five" as 2105', () => expect(numbers('two thousand one hundred five')).toBe('2105'));
  it('reads ordinals as street numbers, "thirty third street" → 33rd street', () => {
    expect(numbers('thirty third street')).toBe('33rd street');
    expect(numbers('first avenue')).toBe('1st avenue');
  });
  it('leaves a filler "oh" that starts a sentence alone', () => expect(numbers('oh it is on charles')).toBe('oh it is on charles'));
});

describe('search form of names', () => {
  it('abbreviates directions and USPS suffixes the way the city and callers both meet', () => {
    expect(normalizeName('North Charles Street')).toBe('n charles st');
    expect(normalizeName('N CHARLES ST')).toBe('n charles st');
  });
  it('reads the city\'s "AV" and a caller\'s "avenue" as the same suffix', () => {
    expect(normalizeName('W NORTH AV')).toBe('w north ave');
    expect(normalizeName('West North Avenue')).toBe('w north ave');
  });
  it('keeps a direction word that is the name itself, "North Avenue"', () => expect(normalizeName('North Avenue')).toBe('north ave'));
  it('drops punctuation and a leading "the"', () => expect(normalizeName("The St. Mary's Seminary")).toBe('saint marys seminary'));
});

describe('speech around a location', () => {
  it('splits off an apartment as a USPS unit', () => {
    expect(normalizeSpeech('2100 Eastern Avenue apartment 3B')).toMatchObject({ tokens: ['2100', 'eastern', 'avenue'], unit: 'APT 3B' });
    expect(normalizeSpeech('2100 eastern avenue suite two hundred').unit).toBe('STE 200');
  });
  it('drops fillers like "I\'m at" and "it\'s on"', () => {
    expect(normalizeSpeech("I'm at 1200 north charles").tokens).toEqual(['1200', 'north', 'charles']);
    expect(normalizeSpeech("it's on greenmount avenue").tokens).toEqual(['greenmount', 'avenue']);
  });
  it('takes "behind" and "in front of" as the relation to the place', () => {
    expect(normalizeSpeech('behind Lexington Market')).toMatchObject({ relation: 'behind', tokens: ['lexington', 'market'] });
    expect(normalizeSpeech('in front of 3400 Greenmount').relation).toBe('in front of');
  });
  it('keeps "near the reservoir" as the detail', () => {
    expect(normalizeSpeech('inside Druid Hill Park near the reservoir')).toMatchObject({
      tokens: ['druid', 'hill', 'park'],
      detail: 'near the reservoir',
    });
  });
  it('does not cut a name at "at": "Oriole Park at Camden Yards"', () => {
    expect(normalizeSpeech('Oriole Park at Camden Yards').tokens).toEqual(['oriole', 'park', 'at', 'camden', 'yards']);
  });
});
