import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { currentCatalogue } from '../../src/intake/catalogue-cache.js';
import { resolveLocation } from '../../src/location/resolve.js';
import { soundsSpanish, understandOpening, type OpeningTools } from '../../src/understand/opening.js';
import { placeSpans, withoutPlace } from '../../src/understand/place-spans.js';
import { wantedIn } from '../../src/understand/wanted.js';

let t: TestApp;
let tools: OpeningTools;
const INTENTS = [
  { intent: 'status' as const, words: ['check on my request', 'status', 'i reported'] },
  { intent: 'police' as const, words: ['police'] },
];
beforeAll(async () => {
  t = await createTestApp();
  const catalogue = await currentCatalogue(t.app.db);
  tools = {
    classify: (text, language) => catalogue.classifier.classify(text, language),
    handling: (code) => catalogue.byCode.get(code)?.handling as 'report' | 'police' | undefined,
    resolve: (span) => resolveLocation(t.app.db, span),
  };
});
afterAll(async () => t?.close());

const understand = (said: string, language: 'en' | 'es' = 'en') => understandOpening(said, language, INTENTS, tools);

describe('understanding a first sentence', () => {
  it('reads the problem, the address, the wish and the description from one sentence', async () => {
    const o = await understand('Can you send someone to fill the pothole in front of 1200 North Charles Street? It is huge.');
    expect(o.intent?.value).toBe('report');
    expect(o.issue).toMatchObject({ codes: ['potholes'], confidence: 'clear' });
    expect(o.place?.location).toMatchObject({ precision: 'address' });
    expect(o.place?.location.label).toMatch(/1200 North Charles Street/);
    expect(o.wanted?.words).toMatch(/^Can you send someone to fill the pothole/);
    expect(o.description).toContain('It is huge');
  });

  it('does not read the words of a street name as the problem', async () => {
    const o = await understand("there's a pothole on Light Street at Key Highway");
    expect(o.issue?.codes[0]).toBe('potholes');
    expect(o.issue?.confidence).toBe('clear');
    expect(o.place?.location.precision).toBe('intersection');
  });

  it('does not take the words of the problem for a place', async () => {
    const o = await understand('the street light is out and it is pitch dark');
    expect(o.issue?.codes[0]).toBe('street-light-out');
    expect(o.place).toBeUndefined();
  });

  it('keeps what is said around a park as the place detail, never asking for an address', async () => {
    const o = await understand('a big branch fell on the path inside Druid Hill Park near the reservoir');
    expect(o.place?.location.precision).toBe('park');
    expect(o.place?.location.label).toMatch(/Druid Hill Park/);
    expect(o.place?.location.detail ?? o.place?.location.label).toMatch(/reservoir/);
  });

  it('joins a house number said apart from its street', async () => {
    const o = await understand("There's a dead possum on Loch Raven Boulevard at 5000.");
    expect(o.place?.location.precision).toBe('address');
    expect(o.place?.location.label).toMatch(/^5000 Loch Raven Boulevard/);
  });

  it('hears a Spanish sentence at the English prompt, with its corner and its wish', async () => {
    const o = await understand('hay un bache muy grande en la esquina de North Avenue y Charles Street, quiero que lo arreglen');
    expect(o.language).toBe('es');
    expect(o.issue?.codes[0]).toBe('potholes');
    expect(o.place?.location.precision).toBe('intersection');
    expect(o.wanted?.words).toMatch(/^quiero que lo arreglen/);
  });

  it('takes a police matter as police, and a question about a report as status', async () => {
    expect((await understand('my neighbours are blasting music at 3 in the morning')).intent?.value).toBe('police');
    const status = await understand('I want to check on my request nine eight seven six five four three two one');
    expect(status.intent?.value).toBe('status');
    expect(status.statusDigits).toBe('987654321');
    expect((await understand('what happened with the pothole I reported last week')).intent?.value).toBe('status');
  });

  it('understands nothing in filler words, emoji or a bare number', async () => {
    for (const said of ['um, uh, hmm', '😡😡', '12345', '']) {
      const o = await understand(said);
      expect(o.intent, said).toBeUndefined();
      expect(o.place, said).toBeUndefined();
    }
  });
});

describe('the pieces of a sentence', () => {
  it('cuts place phrases at the clause that follows them', () => {
    expect(placeSpans('the pothole on Light Street, it has been there for weeks', 'en')).toContain('light street');
    expect(placeSpans('a pothole at 1200 north charles street and nobody came', 'en')).toContain('1200 north charles street');
  });

  it('takes the place phrase and its lead-in out of the sentence', () => {
    expect(withoutPlace('a pothole on Light Street at Key Highway', 'en', 'light street and key highway')).toBe('a pothole');
  });

  it('finds what the caller wants done in their own words, or nothing', () => {
    expect(wantedIn('A tree came down on my car and I need it removed.', 'en')).toBe('I need it removed');
    expect(wantedIn('Hydrant is leaking, can someone shut it off?', 'en')).toBe('can someone shut it off');
    expect(wantedIn('Necesito que recojan un sofá viejo', 'es')).toMatch(/^Necesito que recojan/);
    expect(wantedIn('the street light is out', 'en')).toBeUndefined();
  });

  it('tells a Spanish sentence from an English one by its function words', () => {
    expect(soundsSpanish('hay un bache enorme en mi calle')).toBe(true);
    expect(soundsSpanish('there is a pothole on Calle Street')).toBe(false);
  });
});

describe('a weak match', () => {
  it('is offered for a choice, never taken as the problem', async () => {
    const o = await understandOpening('um, well, hmm', 'en', INTENTS, tools);
    expect(o.issue?.confidence).not.toBe('clear');
  });
});
