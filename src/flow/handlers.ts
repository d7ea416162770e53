import type { HandlerMap } from './types.js';
import { ask, chooseLanguage, confirm, hangUp, lineBranch, menu, say, transfer } from './steps/basic.js';
import { enqueue } from '../queue/enqueue-step.js';
import { classifyIssue } from '../intake/classify-step.js';
import { collectLocation } from '../location/collect-step.js';
import { submitReport } from '../intake/submit-step.js';
import { readBack } from '../intake/read-back-step.js';
import { offerText } from '../intake/offer-text-step.js';
import { recognizeCaller } from '../status/recognize-step.js';
import { statusLookup } from '../status/lookup-step.js';

/**
 * One handler per step type. The mapped type makes this exhaustive: a new step type in the
 * schema does not compile until it has a handler here.
 */
export const handlers: HandlerMap = {
  say,
  'choose-language': chooseLanguage,
  'line-branch': lineBranch,
  menu,
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
