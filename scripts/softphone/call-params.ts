import { randomBytes } from 'node:crypto';

export interface CallParamsInput {
  callSid?: string;
  accountSid?: string;
  from?: string;
  to?: string;
  /** `ringing` on the first request of an inbound call, `in-progress` afterwards. */
  callStatus?: string;
  direction?: string;
  /** Any further parameters, added or overriding. */
  extra?: Record<string, string>;
}

export const TEST_ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';

export function newCallSid(): string {
  return `CA${randomBytes(16).toString('hex')}`;
}

// Twilio fills the geography fields from the number's area code, and sends them empty when it
// does not know (short codes such as 311, foreign numbers).
const AREA_CODES: Record<string, { city: string; state: string; zip: string }> = {
  '410': { city: 'BALTIMORE', state: 'MD', zip: '21202' },
  '443': { city: 'BALTIMORE', state: 'MD', zip: '21201' },
  '667': { city: 'BALTIMORE', state: 'MD', zip: '21218' },
};

function geography(prefix: string, number: string): Record<string, string> {
  const area = /^\+1(\d{3})\d{7}$/.exec(number)?.[1];
  const place = area ? AREA_CODES[area] : undefined;
  return {
    [`${prefix}City`]: place?.city ?? '',
    [`${prefix}State`]: place?.state ?? '',
    [`${prefix}Zip`]: place?.zip ?? '',
    [`${prefix}Country`]: area ? 'US' : '',
  };
}

/** The full parameter set Twilio posts on a voice webhook for an inbound call. */
export function twilioCallParams(input: CallParamsInput = {}): Record<string, string> {
  const from = input.from ?? '+14105550100';
  const to = input.to ?? '311';
  return {
    AccountSid: input.accountSid ?? TEST_ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    CallSid: input.callSid ?? newCallSid(),
    CallStatus: input.callStatus ?? 'ringing',
    Direction: input.direction ?? 'inbound',
    From: from,
    To: to,
    Caller: from,
    Called: to,
    ...geography('From', from),
    ...geography('Caller', from),
    ...geography('To', to),
    ...geography('Called', to),
    ...input.extra,
  };
}
