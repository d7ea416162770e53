/** Plain-language names for the flow format's field and event names. */
const EVENT_LABELS: Record<string, string> = {
  next: 'Then',
  noInput: 'On silence',
  noMatch: 'When not understood',
  retryLimit: 'After too many tries',
  yes: 'If yes',
  no: 'If no',
  answer: 'After the answer',
  report: 'A report we take',
  police: 'A police matter',
  main: 'Main number',
  outOfArea: 'Out-of-area number',
  none: 'New caller',
  status: 'Wants a status',
  newReport: 'Wants a new report',
  done: 'When done',
  submitted: 'Once submitted',
  operatorStep: 'Operator step',
  operatorKey: 'Operator key (on every menu)',
  emergencyStep: 'After emergency advice',
  errorStep: 'When something fails',
};

const FIELD_LABELS: Record<string, string> = {
  label: 'Label (for the console only)',
  prompt: 'Prompt',
  greeting: 'Greeting on the 311 line',
  outOfAreaGreeting: 'Greeting on the out-of-area line',
  languages: 'Language choices',
  intent: 'What the caller wants',
  whichPart: 'Which part was wrong (asked after a no)',
  reason: 'What the caller hears before waiting',
  options: 'Options',
  retries: 'Re-asks before giving up',
  queue: 'Queue',
  number: 'Phone number',
  save: 'Keep the answer as',
  optional: 'Callers may press pound to skip it',
  key: 'Key',
  words: 'Spoken words',
  language: 'Language',
  on: 'Where it goes',
  initial: 'First step',
  name: 'Name',
  settings: 'Settings',
};

export const LANGUAGE_NAMES = { en: 'English', es: 'Spanish' } as const;

export function eventLabel(event: string): string {
  return EVENT_LABELS[event] ?? event;
}

export function fieldLabel(name: string): string {
  return FIELD_LABELS[name] ?? EVENT_LABELS[name] ?? name;
}

/** "options.1.words.en" → "Option 2 · Spoken words (English)"; "on.noInput" → "On silence". */
export function describeFieldPath(path: string): string {
  const parts = path.split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (part === 'options' && next !== undefined && /^\d+$/.test(next)) {
      out.push(`Option ${Number(next) + 1}`);
      i++;
    } else if (/^options\[(.+)\]$/.test(part)) {
      out.push(`Option ${part.slice(8, -1)}`);
    } else if (part === 'on' && next) {
      out.push(eventLabel(next));
      i++;
    } else if ((part === 'en' || part === 'es') && out.length) {
      out[out.length - 1] += ` (${LANGUAGE_NAMES[part]})`;
    } else if (/^\d+$/.test(part)) {
      out.push(`#${Number(part) + 1}`);
    } else {
      out.push(fieldLabel(part));
    }
  }
  return out.join(' · ') || 'Step';
}
