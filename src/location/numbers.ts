/** Spoken numbers as speech recognisers return them, turned into digits. */

const units: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const teens: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
const tens: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const ordinals: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15,
  sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
  fortieth: 40, fiftieth: 50, sixtieth: 60, seventieth: 70, eightieth: 80, ninetieth: 90,
};

/** 1 → "1st", 22 → "22nd", 13 → "13th". */
export function ordinal(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

function isNumberWord(token: string, inRun: boolean): boolean {
  return (
    token in units || token in teens || token in tens || token in ordinals ||
    token === 'hundred' || token === 'thousand' || /^\d+$/.test(token) ||
    (inRun && (token === 'oh' || token === 'zero' || token === 'o'))
  );
}

/**
 * Reads one run of number words. House numbers are said in pieces that are written one
 * after the other ("fifteen oh two" → 1502, "one oh one" → 101, "fourteen twenty" → 1420),
 * while "hundred" and "thousand" multiply ("thirty four hundred" → 3400).
 */
function readRun(run: string[]): string {
  const pieces: string[] = [];
  let small: number | undefined; // the part below a hundred being built
  let scaled = 0; // hundreds and thousands already read
  let inScale = false;
  let ordinalEnd = false;
  const flush = () => {
    if (inScale) pieces.push(String(scaled + (small ?? 0)));
    else if (small !== undefined) pieces.push(String(small));
    small = undefined;
    scaled = 0;
    inScale = false;
  };
  for (const token of run) {
    if (token === 'oh' || token === 'zero' || token === 'o') {
      flush();
      pieces.push('0');
    } else if (/^\d+$/.test(token)) {
      flush();
      small = Number(token);
    } else if (token in units || (token in ordinals && ordinals[token]! < 10)) {
      const value = units[token] ?? ordinals[token]!;
      ordinalEnd = token in ordinals;
      if (small !== undefined && small >= 20 && small % 10 === 0 && small < 100) small += value;
      else {
        if (!inScale || small !== undefined) flush();
        small = value;
      }
    } else if (token in teens || token in tens || token in ordinals) {
      const value = teens[token] ?? tens[token] ?? ordinals[token]!;
      ordinalEnd = token in ordinals;
      if (!inScale || small !== undefined) flush();
      small = value;
    } else if (token === 'hundred') {
      scaled += (small ?? 1) * 100;
      small = undefined;
      inScale = true;
    } else if (token === 'thousand') {
      scaled = (scaled + (small ?? 1)) * 1000;
      small = undefined;
      inScale = true;
    }
  }
  flush();
  const digits = pieces.join('');
  return ordinalEnd ? ordinal(Number(digits)) : digits;
}

/** Replaces every run of number words in the tokens with its digits; ordinals keep their suffix. */
export function wordsToNumbers(tokens: string[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const end = () => {
    if (run.length === 0) return;
    // A lone "oh" or digit-free filler never starts a run, so "oh it's on" stays words.
    out.push(readRun(run));
    run = [];
  };
  for (const token of tokens) {
    const inRun = run.length > 0;
    if (isNumberWord(token, inRun) && !(inRun && /\d(st|nd|rd|th)$/.test(readRun(run)))) {
      run.push(token);
      if (token in ordinals) end();
    } else {
      end();
      out.push(token);
    }
  }
  end();
  return out;
}
