import type { Language } from '../flow/step-api.js';

/**
 * Reads the digits out of a spoken confirmation number: "four five one two two nine zero three
 * seven", "451 229 037", "oh" for zero, "double five", "four fifty-one", "cuatro cinco uno",
 * "treinta y siete". Words that are not numbers ("my number is", "um") are skipped; what comes
 * back is checked like keyed digits, so a misheard word is caught by the check digit.
 */
export function spokenDigits(text: string, language: Language): string {
  const words = vocabulary[language];
  const tokens = fold(text).split(/[^a-z0-9]+/).filter(Boolean);
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (/^\d+$/.test(token)) {
      out += token;
      continue;
    }
    const repeat = words.repeat[token];
    const repeated = next !== undefined ? words.units[next] : undefined;
    if (repeat && repeated !== undefined) {
      out += String(repeated).repeat(repeat);
      i++;
      continue;
    }
    const hundreds = words.hundreds[token];
    if (hundreds !== undefined) {
      // "cuatrocientos cincuenta y uno": the hundreds word carries its own digit.
      const [rest, used] = afterHundred(words, tokens, i + 1);
      out += String(hundreds) + rest;
      i += used;
      continue;
    }
    const unit = words.units[token] ?? (isDigitContext(words, tokens[i - 1], next) ? words.homophones[token] : undefined);
    if (unit !== undefined) {
      if (next === 'hundred') {
        const [rest, used] = afterHundred(words, tokens, i + 2);
        out += String(unit) + rest;
        i += 1 + used;
      } else {
        out += String(unit);
      }
      continue;
    }
    const pair = pairAt(words, tokens, i);
    if (pair) {
      out += pair[0];
      i += pair[1] - 1;
    }
  }
  return out;
}

/** Two digits from "fifty one", "treinta y siete", "veintiuno", "nineteen": [digits, tokens used]. */
function pairAt(words: Vocabulary, tokens: string[], at: number): [string, number] | undefined {
  const token = tokens[at];
  if (token === undefined) return undefined;
  const teen = words.teens[token];
  if (teen !== undefined) return [String(teen), 1];
  const tens = words.tens[token];
  if (tens === undefined) return undefined;
  const j = tokens[at + 1] === 'y' ? at + 2 : at + 1;
  const unit = tokens[j] !== undefined ? words.units[tokens[j]!] : undefined;
  if (unit !== undefined && unit > 0) return [`${tens}${unit}`, j - at + 1];
  return [`${tens}0`, 1];
}

/** The two digits after a hundred: "four hundred (and) fifty one" → 51, "… five" → 05, "… " → 00. */
function afterHundred(words: Vocabulary, tokens: string[], at: number): [string, number] {
  const skip = tokens[at] === 'and' || tokens[at] === 'y' ? 1 : 0;
  const pair = pairAt(words, tokens, at + skip);
  if (pair) return [pair[0], skip + pair[1]];
  const unit = tokens[at + skip] !== undefined ? words.units[tokens[at + skip]!] : undefined;
  if (unit !== undefined) return [`0${unit}`, skip + 1];
  return ['00', 0];
}

// "to", "for", "ate" are digits only between other digits: "four for five", not "calling for".
function isDigitContext(words: Vocabulary, prev: string | undefined, next: string | undefined): boolean {
  const digitLike = (t: string | undefined) => t !== undefined && (/^\d+$/.test(t) || words.units[t] !== undefined);
  return digitLike(prev) && digitLike(next);
}

/** Lower case without accents: recognisers are inconsistent about "dieciséis" and "dieciseis". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

interface Vocabulary {
  units: Record<string, number>;
  homophones: Record<string, number>;
  teens: Record<string, number>;
  tens: Record<string, number>;
  hundreds: Record<string, number>;
  repeat: Record<string, number>;
}

const enUnits = { zero: 0, oh: 0, o: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const esUnits = { cero: 0, uno: 1, una: 1, un: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9 };
const enTeens = { ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19 };
const esTeens = {
  diez: 10, once: 11, doce: 12, trece: 13, catorce: 14, quince: 15, dieciseis: 16, diecisiete: 17, dieciocho: 18, diecinueve: 19,
  veinte: 20, veintiuno: 21, veintiun: 21, veintidos: 22, veintitres: 23, veinticuatro: 24, veinticinco: 25, veintiseis: 26,
  veintisiete: 27, veintiocho: 28, veintinueve: 29,
};
const enTens = { twenty: 2, thirty: 3, forty: 4, fourty: 4, fifty: 5, sixty: 6, seventy: 7, eighty: 8, ninety: 9 };
const esTens = { treinta: 3, cuarenta: 4, cincuenta: 5, sesenta: 6, setenta: 7, ochenta: 8, noventa: 9 };
const esHundreds = {
  cien: 1, ciento: 1, doscientos: 2, doscientas: 2, trescientos: 3, trescientas: 3, cuatrocientos: 4, cuatrocientas: 4,
  quinientos: 5, quinientas: 5, seiscientos: 6, seiscientas: 6, setecientos: 7, setecientas: 7, ochocientos: 8,
  ochocientas: 8, novecientos: 9, novecientas: 9,
};

// Each language reads the other's plain digit words too (callers switch language for numbers),
// but not its short words: Spanish "o" is "or", English "to" and "for" only between digits.
const { o: _o, oh: _oh, ...enPlainUnits } = enUnits;
const { un: _un, una: _una, ...esPlainUnits } = esUnits;
const vocabulary: Record<Language, Vocabulary> = {
  en: {
    units: { ...esPlainUnits, ...enUnits },
    homophones: { to: 2, too: 2, for: 4, ate: 8, won: 1 },
    teens: { ...enTeens },
    tens: { ...enTens },
    hundreds: {},
    repeat: { double: 2, triple: 3 },
  },
  es: {
    units: { ...enPlainUnits, ...esUnits },
    homophones: {},
    teens: { ...esTeens },
    tens: { ...esTens },
    hundreds: { ...esHundreds },
    repeat: { doble: 2, triple: 3 },
  },
};
