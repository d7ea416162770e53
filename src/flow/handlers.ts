import type { TSchema } from '@sinclair/typebox';
import type { HandlerMap, StepKit } from './types.js';
import { compileFrame, coreSlots, type FrameSlots } from './frame.js';
import { operatorCheck } from './operator-check.js';
import { ask, chooseLanguage, confirm, hangUp, lineBranch, menu, say, transfer } from './steps/basic.js';
import { enqueue } from '../queue/enqueue-step.js';
import { queueSlots } from '../queue/slots.js';
import { classifyIssue } from '../intake/classify-step.js';
import { emergencyCheck } from '../intake/emergency-check.js';
import { intakeSlots } from '../intake/slots.js';
import { collectLocation } from '../location/collect-step.js';
import { locationSlots } from '../location/slots.js';
import { submitReport } from '../intake/submit-step.js';
import { confirmReport } from '../intake/confirm-report-step.js';
import { openQuestion } from '../understand/open-question-step.js';
import { readBack } from '../intake/read-back-step.js';
import { offerText } from '../intake/offer-text-step.js';
import { recognizeCaller } from '../status/recognize-step.js';
import { statusLookup } from '../status/lookup-step.js';
import { statusSlots } from '../status/slots.js';

/**
 * One handler per step type. The mapped type makes this exhaustive: a new step type in the
 * schema does not compile until it has a handler here.
 */
export const handlers: HandlerMap = {
  say,
  'choose-language': chooseLanguage,
  'line-branch': lineBranch,
  'open-question': openQuestion,
  menu,
  'confirm-report': confirmReport,
  confirm,
  ask,
  'classify-issue': classifyIssue,
  'collect-location': collectLocation,
  'submit-report': submitReport,
  'read-back': readBack,
  'offer-text': offerText,
  'recognize-caller': recognizeCaller,
  'status-lookup': statusLookup,
  enqueue,
  transfer,
  'hang-up': hangUp,
};

/**
 * Every slot of the call's frame, from the rooms that own them. The type makes this exact: a slot
 * a room declares in FrameSlots but does not list here (or the reverse) does not compile.
 */
const slots = { ...coreSlots, ...intakeSlots, ...locationSlots, ...statusSlots, ...queueSlots } satisfies Record<keyof FrameSlots, TSchema>;
const _exact: Record<Exclude<keyof typeof slots, keyof FrameSlots>, never> = {};
void _exact;

/** What the engine runs a flow with: the handlers, the frame's slots, and the checks every answer goes through. */
export const stepKit: StepKit = {
  handlers,
  frame: compileFrame(slots),
  // Emergencies first: "a person is hurt, get me someone" is told to dial 911.
  checks: [emergencyCheck, operatorCheck],
};
