/** Longest free answer kept: a minute of speech is well under this. */
export const MAX_SPEECH_CHARS = 2000;

/**
 * Makes recogniser output safe to keep and to say back: control characters and markup-like
 * brackets go, white space folds, and length is bounded (a 10,000-character result is cut).
 */
export function clampSpeech(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\ufeff]/g, ' ')
    .replace(/[<>{}]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_SPEECH_CHARS);
}
