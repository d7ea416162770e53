import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { phrases } from '../flow/phrases.js';
import { sayIn } from './twiml.js';
import { voiceUrls } from './urls.js';
import { OPERATOR_QUEUE } from '../queue/operator-queue.js';

/**
 * The answer when anything on our side fails: an apology in both languages and the operator
 * queue. Built without the database, so it works when nothing else does.
 */
export function technicalTroubleTwiml(publicBaseUrl: string): string {
  const urls = voiceUrls(publicBaseUrl, 0);
  const response = new VoiceResponse();
  sayIn(response, 'en', [phrases.technicalTrouble.en]);
  sayIn(response, 'es', [phrases.technicalTrouble.es]);
  response.enqueue(
    {
      waitUrl: urls.queueWait(OPERATOR_QUEUE),
      waitUrlMethod: 'POST',
      action: urls.queueDone(OPERATOR_QUEUE),
      method: 'POST',
    },
    OPERATOR_QUEUE,
  );
  return response.toString();
}

/** An empty answer, for callbacks Twilio does not play to anyone. */
export function emptyTwiml(): string {
  return new VoiceResponse().toString();
}
