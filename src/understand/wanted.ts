import type { Language } from '../flow/step-api.js';

/**
 * What the caller wants done, when the sentence says it: "please come fix it", "I'd like the city
 * to pick it up", "can you send someone", "quiero que lo arreglen". Returned in the caller's own
 * words, from the request to the end of its clause; undefined when nothing is asked for.
 */

// A request that needs an action verb after it ("please come pick it up"), and verbs that are one.
const ASKING: Record<Language, RegExp> = {
  en: /\b(please|can you|could you|can someone|could someone|can somebody|could somebody|can they|could they|can the city|could the city|would you|will you|would someone|(?:i|we)(?: would|'d|d)? (?:like|love)(?: for)?(?: (?:you|the city|someone|somebody|them|a|an|the|crew|truck|officer|inspector|someone's)){0,3} to|(?:i|we) (?:want|need)(?: (?:you|the city|someone|somebody|them|a|an|the|crew|truck|officer|inspector)){0,3} to|need(?: someone| somebody| you| the city| them) to|i(?:'m| am) asking(?: for)?(?: you| the city)?(?: to)?|i(?:'d| would) appreciate(?: it if)?(?: you| the city| someone)?|hoping(?: someone| the city| you)? (?:can|could|will)|requesting|i want it|i want them|i want this|get (?:it|this|them|that) (?:fixed|removed|picked up|cleaned|towed|cut|repaired|taken))\b/,
  es: /\b(por favor|quiero que|quisiera que|queremos que|necesito que|necesitamos que|me gustaria que|pueden|podrian|puede|podria|pido que|les pido|solicito)\b/,
};
const ACTION: Record<Language, RegExp> = {
  en: /\b(fix|fixed|repair|repaired|come|send|pick|picked|clean|cleaned|remove|removed|take|taken|tow|towed|check|look|fill|filled|patch|cut|trim|board|replace|replaced|get|have|haul|inspect|turn|clear|cleared|plow|salt|paint|painted|unclog|empty|collect|help|do something|someone out|bring|shut|schedule|stop|talk|treat|treated|deliver|put back|put up)\b/,
  es: /\b(arregl\w*|repar\w*|recog\w*|recoj\w*|limpi\w*|quit\w*|revis\w*|cort\w*|mand\w*|envi\w*|veng\w*|venir|lleve\w*|llevar|remolc\w*|tap\w*|rellen\w*|cambi\w*|poda\w*|pint\w*|ayud\w*|hag\w*|hacer)\b/,
};
// Wishes said without asking ("it needs to be fixed", "they should tow it", "ojalá lo arreglen").
const WISH: Record<Language, RegExp> = {
  en: /\b((?:i|we)(?:'d| would)? (?:need|want|like) (?:it|them|this|that|these|those|the \w+(?: \w+)?) (?:to \w+|\w+ed|\w+en)(?: (?:over|up|off|out|away|back|down))?|(?:it|this|they|that|these|the city|someone|somebody|the hole|the light|the car|the tree) (?:needs|need|has|have|should|must|ought) to be \w+(?: \w+)?|(?:someone|somebody|the city|they|you guys) (?:needs?|should|has|have|must) to (?:\w+)(?: \w+){0,6}|needs (?:fixing|fixed|repairing|removing|to be fixed|to be removed|to be picked up|cleaning|cutting|towing)|fix it|fix this|pick it up|pick them up|clean it up|take it away|tow it|tow it away|board it up)\b/,
  es: /\b(que lo arreglen|que la arreglen|que los arreglen|que lo recojan|que la recojan|que los recojan|que lo quiten|que la quiten|que vengan\b[^.,]*|que manden\b[^.,]*|hay que \w+|ojala (?:lo|la|los|las) \w+)\b/,
};

/** Lower case without accents, one character for each of the text's, so a match's place is the same in both. */
function fold(text: string): string {
  return text
    .split('')
    .map((c) => (c === '’' || c === '‘' || c === '`' ? "'" : c.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().charAt(0) || ' '))
    .join('');
}

export function wantedIn(text: string, language: Language): string | undefined {
  const original = text.slice(0, 2000);
  const said = fold(original);
  // The caller's own words back, cased and accented as said, from where the match starts.
  const words = (from: number, to: number) => original.slice(from, to).trim().replace(/[,\s]+$/, '').slice(0, 300);
  let start = 0;
  for (const clause of said.split(/[.!?;]/)) {
    const ask = ASKING[language].exec(clause);
    if (ask && (ACTION[language].test(clause.slice(ask.index + ask[0].length)) || /\b(send|get|have|fix|pick|remove|tow)\b/.test(ask[0]))) {
      return words(start + ask.index, start + clause.length);
    }
    const wish = WISH[language].exec(clause);
    if (wish) return words(start + wish.index, start + wish.index + wish[0].length);
    start += clause.length + 1;
  }
  return undefined;
}
