import { describe, expect, it } from 'vitest';
import { detectEmergency } from '../../src/intake/emergency.js';

describe('detectEmergency', () => {
  it.each([
    ['the house next door is on fire', 'fire'],
    ['there is smoke pouring out of the vacant', 'fire'],
    ['I just heard shots fired on my block', 'gunshots'],
    ['somebody got shot at the corner', 'gunshots'],
    ['my neighbor is not breathing', 'not-breathing'],
    ["a man collapsed and he's unconscious", 'injury'],
    ['I think someone is overdosing in the alley', 'injury'],
    ['someone is breaking into the house across the street right now', 'crime-in-progress'],
    ['I smell gas in my kitchen', 'gas'],
    ['there is a live wire down in the street', 'other'],
  ])('recognises "%s" as %s', (text, kind) => {
    expect(detectEmergency(text, 'en')).toEqual({ emergency: true, kind });
  });

  it.each([
    ['hay fuego en la casa de al lado', 'fire'],
    ['escuché disparos en mi calle', 'gunshots'],
    ['mi vecino no está respirando', 'not-breathing'],
    ['hay un hombre herido y sangrando', 'injury'],
    ['huele a gas en el edificio', 'gas'],
    ['están entrando a mi casa', 'crime-in-progress'],
  ])('understands Spanish: "%s" is %s', (text, kind) => {
    expect(detectEmergency(text, 'es')).toEqual({ emergency: true, kind });
  });

  it.each([
    'the fire hydrant on my corner is leaking',
    'kids set off fireworks every night, it is so loud',
    'I need a smoke detector installed',
    'the gas station on the corner has trash everywhere',
    'there is an injured dog in the alley',
    'the dog is bleeding from its leg',
    'please pick up the debris left after the fire last month',
    'the street light is out',
    'my car was broken into last night',
    'they were shooting hoops at the rec center until midnight',
    'construction work in progress at 5 in the morning',
    'someone hit my parked car',
  ])('does not mistake an ordinary request for an emergency: "%s"', (text) => {
    expect(detectEmergency(text, 'en')).toEqual({ emergency: false });
  });

  it.each(['el hidrante contra incendios tiene una fuga', 'los fuegos artificiales no me dejan dormir', 'hay un perro herido en la calle'])(
    'does not mistake an ordinary Spanish request for an emergency: "%s"',
    (text) => {
      expect(detectEmergency(text, 'es')).toEqual({ emergency: false });
    },
  );
});
