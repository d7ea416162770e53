import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueFile } from '../../db/seed/catalogue.js';
import { buildClassifier, type ClassifiableService, type Classifier } from '../../src/intake/classify.js';

const catalogue = JSON.parse(readFileSync(new URL('../../db/seed/catalogue.json', import.meta.url), 'utf8')) as CatalogueFile;
let classifier: Classifier;
beforeAll(() => {
  classifier = buildClassifier(catalogue.services as ClassifiableService[]);
});
const top = (text: string, lang: 'en' | 'es' = 'en') => classifier.classify(text, lang).matches[0]?.code;

describe('classify', () => {
  it.each([
    ['there is a big pothole in front of my house', 'potholes'],
    ['my trash was not picked up this week', 'missed-trash'],
    ['they skipped our recycling again', 'missed-recycling'],
    ['I need somebody to come get an old couch and a mattress', 'bulk-trash'],
    ['people keep dumping tires on the empty lot', 'illegal-dumping'],
    ['there are rats all over the alley', 'rats'],
    ['somebody spray painted the side of the store', 'graffiti'],
    ['the traffic light at the intersection is flashing red', 'traffic-signal'],
    ['the stop sign got knocked down', 'street-sign'],
    ['water is gushing out of the ground by the curb', 'water-leak'],
    ['we have no water in the house', 'no-water'],
    ['sewage is backing up into my basement', 'water-in-basement'],
    ['a big limb came down in the storm', 'fallen-limb'],
    ['the vacant house next door is wide open', 'vacant-building'],
    ['a car with no tags has been sitting on my block for a month', 'abandoned-vehicle'],
    ['someone is parked across my driveway', 'parking-complaint'],
    ['there is a dead raccoon in the street', 'dead-animal'],
    ['the dog next door barks all night', 'barking-dog'],
    ['the swings at the playground are broken', 'park-maintenance'],
    ['a generator has been running all night at the construction site', 'noise'],
    ['my neighbors are blasting music at 2 in the morning', 'police-noise'],
    ['someone keyed my car and slashed the tires', 'police-property-damage'],
  ])('files "%s" as %s', (text, code) => {
    expect(top(text)).toBe(code);
  });

  it('recognises a misheard pothole', () => {
    expect(top('there is a pot hole on my street')).toBe('potholes');
    expect(top('a pothold on Harford Road')).toBe('potholes');
    expect(top('potholle')).toBe('potholes');
  });

  it("hears through an apostrophe: the street light's out", () => {
    expect(classifier.classify("the street light's out", 'en')).toMatchObject({
      matches: [{ code: 'street-light-out' }],
      confidence: 'clear',
    });
  });

  it('understands a negation: the trash was not picked up', () => {
    expect(classifier.classify("my trash wasn't picked up", 'en').confidence).toBe('clear');
    expect(top("my trash wasn't picked up")).toBe('missed-trash');
  });

  it('is clear about rats in the alley', () => {
    expect(classifier.classify('rats in the alley', 'en')).toMatchObject({ matches: [{ code: 'rats' }], confidence: 'clear' });
  });

  it('offers the best two when the words are ambiguous', () => {
    const result = classifier.classify('there is a problem with the water', 'en');
    expect(result.confidence).toBe('unclear');
    expect(result.matches.map((m) => m.code).slice(0, 2).sort()).toEqual(['no-water', 'water-leak']);
  });

  it('asks which noise: the police take parties, the Health Department takes machines', () => {
    expect(classifier.classify('noise', 'en').confidence).toBe('unclear');
    expect(top('my neighbors are so loud')).toBe('police-noise');
  });

  it('tells a fire hydrant from a water leak', () => {
    expect(top('the fire hydrant is leaking')).toBe('hydrant-leaking');
  });

  it('says none when nothing fits', () => {
    expect(classifier.classify('hello how are you', 'en')).toEqual({ matches: [], confidence: 'none' });
    expect(classifier.classify('', 'en')).toEqual({ matches: [], confidence: 'none' });
  });

  it('returns at most three matches, best first', () => {
    const { matches } = classifier.classify('trash and water and lights and trees and rats and dogs', 'en');
    expect(matches.length).toBeLessThanOrEqual(3);
    const scores = matches.map((m) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it.each([
    ['hay un bache en mi calle', 'potholes'],
    ['no recogieron la basura', 'missed-trash'],
    ['la luz de la calle está apagada', 'street-light-out'],
    ['hay ratas en el callejón', 'rats'],
    ['no tenemos agua en la casa', 'no-water'],
    ['hay un perro muerto en la calle', 'dead-animal'],
    ['el semáforo no funciona', 'traffic-signal'],
    ['los vecinos tienen la música muy alta', 'police-noise'],
  ])("understands Spanish: '%s'", (text, code) => {
    expect(top(text, 'es')).toBe(code);
  });

  it('classifies a sentence in well under a millisecond', () => {
    const sentence = 'there is a really big pot hole in the middle of the street by my house and it is getting worse';
    for (let i = 0; i < 50; i++) classifier.classify(sentence, 'en');
    const runs = 500;
    const started = performance.now();
    for (let i = 0; i < runs; i++) classifier.classify(sentence, 'en');
    expect((performance.now() - started) / runs).toBeLessThan(0.5);
  });
});
