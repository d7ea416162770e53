/**
 * What a step handler in a feature room may use of the engine: its types, the frame's slot
 * declarations, the shared phrases and word matching, events and shared hint lists. Rooms import
 * the engine through this file only (the linter keeps that), so the engine's insides can change.
 */
export type { Answer, AnswerCheck, CallerInput, Log, Outcome, Reply, ScratchOf, Speech, StepContext, StepHandler } from './types.js';
export type { Intent, Language, Step, StepOf } from './schema.js';
export { defineSlots, type Frame, type FramePatch } from './frame.js';
export { matchWords, normaliseSpeech, phrase, yesNoHints, yesOrNo } from './phrases.js';
export { clampSpeech } from './speech.js';
export { recordEvent } from './sessions.js';
export { shareHints, type HintLoader } from './shared-hints.js';
