import type { CallEvent, CallerInput } from './call-engine.js';

/**
 * One line of caller input: keys ("1", "*", "123#", "press 4"), speech ("say pothole", or any
 * words; "say pothole @0.4" sets the confidence), "hangup", or an empty line for silence.
 */
export function parseInput(line: string): CallerInput {
  const text = line.trim();
  if (!text) return { kind: 'silence' };
  if (/^(hangup|hang up)$/i.test(text)) return { kind: 'hangup' };
  const keys = /^(?:press\s+)?([0-9*#]+)$/i.exec(text);
  if (keys?.[1]) return { kind: 'digits', digits: keys[1] };
  const speech = /^(?:say\s+)?(.+?)(?:\s+@(0(?:\.\d+)?|1(?:\.0+)?))?$/is.exec(text);
  const words = speech?.[1] ?? text;
  return speech?.[2] ? { kind: 'speech', text: words, confidence: Number(speech[2]) } : { kind: 'speech', text: words };
}

/** Splits --script "1|pothole|yes||hangup" into inputs (an empty element is silence). */
export function parseScript(script: string): string[] {
  return script.split('|').map((s) => s.trim());
}

const SHOWN_PARAMS = ['Digits', 'SpeechResult', 'Confidence', 'QueuePosition', 'QueueResult', 'ErrorCode', 'CallDuration'];

/** A transcript line for an event, or undefined for events not worth a line. */
export function formatEvent(event: CallEvent, publicBaseUrl: string): string | undefined {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const short = (url: string) => (url.startsWith(base) ? url.slice(base.length) || '/' : url);
  switch (event.type) {
    case 'request': {
      const shown = SHOWN_PARAMS.filter((p) => event.params[p] !== undefined).map((p) => `${p}=${event.params[p]}`);
      const status = event.params.CallStatus === 'completed' ? ['CallStatus=completed'] : [];
      return `  -> ${event.method} ${short(event.url)}${[...status, ...shown].map((s) => `  ${s}`).join('')}`;
    }
    case 'say':
      return `Say: ${event.text}`;
    case 'play':
      return `Play: ${event.digits ? `tones ${event.digits}` : event.url}`;
    case 'pause':
      return `(pause ${event.seconds} s)`;
    case 'gather': {
      const how = event.input.map((i) => (i === 'dtmf' ? 'keys' : 'speech')).join(' or ');
      const details = [event.numDigits && `${event.numDigits} digit(s)`, event.hints && `hints: ${shortHints(event.hints)}`]
        .filter(Boolean)
        .join('; ');
      return `[listening for ${how}${details ? ` (${details})` : ''}]`;
    }
    case 'redirect':
      return undefined;
    case 'enqueue':
      return `[placed in queue "${event.queue}"]`;
    case 'hold':
      return `[on hold in "${event.queue}": Enter waits longer, "hangup" gives up]`;
    case 'leave':
      return `[out of the queue: ${event.result}]`;
    case 'dial':
      return `[would connect the caller to ${event.targets.join(', ') || 'nobody'}]`;
    case 'hangup':
      return `[call ended: ${event.reason}]`;
    case 'status':
      return `  <- status callback answered HTTP ${event.status}`;
    case 'note':
      return `(${event.message})`;
    case 'problem':
      return `!! ${event.message}`;
  }
}

/** Hints as a person reads them: the first few, and how many more (a place question has hundreds). */
export function shortHints(hints: string, shown = 6): string {
  const all = hints.split(',').map((h) => h.trim()).filter(Boolean);
  return all.length <= shown ? all.join(', ') : `${all.slice(0, shown).join(', ')} … and ${all.length - shown} more`;
}
