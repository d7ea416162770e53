/** Light suffix-stripping stemmers: both sides of every comparison go through the same one. */

// Words whose regular stem would collide with another meaning ("parking" is not "park").
const EN_EXCEPTIONS: Record<string, string> = {
  parking: 'parking',
  parked: 'parking',
  leaves: 'leaf',
  dying: 'die',
  died: 'die',
  dies: 'die',
  lying: 'lie',
  ceiling: 'ceiling',
  during: 'during',
  bus: 'bus',
  gas: 'gas',
  glass: 'glass',
  grass: 'grass',
  mice: 'mouse',
  children: 'child',
  women: 'woman',
  men: 'man',
  people: 'people',
  news: 'news',
  this: 'this',
  his: 'his',
  was: 'was',
  has: 'has',
  is: 'is',
  yes: 'yes',
};

const VOWEL = /[aeiouy]/;
const UNDOUBLE = /([bcdfgkmnprtv])\1$/;

export function stemEnglish(word: string): string {
  const exception = EN_EXCEPTIONS[word];
  if (exception) return exception;
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  let stripped = false;
  if (w.endsWith('ing') && w.length > 5 && VOWEL.test(w.slice(0, -3))) {
    w = w.slice(0, -3);
    stripped = true;
  } else if (w.endsWith('ed') && !w.endsWith('eed') && w.length > 4 && VOWEL.test(w.slice(0, -2))) {
    w = w.slice(0, -2);
    stripped = true;
  }
  if (stripped && UNDOUBLE.test(w)) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 3 && !VOWEL.test(w.at(-2) ?? '')) w = `${w.slice(0, -1)}i`;
  return w;
}

const ES_VERB_ENDINGS = ['aron', 'ieron', 'iendo', 'ando', 'aban', 'amos', 'imos', 'ado', 'ada', 'ido', 'ida', 'aba', 'an', 'en', 'ar', 'er', 'ir', 'o', 'a', 'e'];

export function stemSpanish(word: string): string {
  let w = word;
  if (w.length <= 3) return w.replace(/z$/, 'c');
  if (w.endsWith('ces')) w = `${w.slice(0, -3)}z`;
  else if (w.endsWith('es') && w.length > 4 && !VOWEL.test(w.at(-3) ?? '')) w = w.slice(0, -2);
  else if (w.endsWith('s')) w = w.slice(0, -1);
  for (const ending of ES_VERB_ENDINGS) {
    if (w.endsWith(ending) && w.length - ending.length >= 3) {
      w = w.slice(0, -ending.length);
      break;
    }
  }
  return w.replace(/z$/, 'c');
}
