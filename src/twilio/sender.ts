/** What the rest of the service needs from Twilio's REST API: a text and an outbound call. */
export interface SmsRequest {
  to: string;
  body: string;
  statusCallback?: string | undefined;
}

export interface CallRequest {
  to: string;
  /** Twilio requests this URL for the call's TwiML when it is answered. */
  url: string;
  statusCallback?: string | undefined;
}

export interface SendResult {
  /** Twilio's SID for the message (SM…) or call (CA…); a made-up one in log-only mode. */
  sid: string;
}

export interface TwilioSender {
  /** 'rest' sends through Twilio; 'log-only' (no credentials configured) only logs. */
  readonly mode: 'rest' | 'log-only';
  sendSms(request: SmsRequest): Promise<SendResult>;
  createCall(request: CallRequest): Promise<SendResult>;
}

/**
 * The one method of twilio's RequestClient that the REST client calls. Tests pass their own to
 * record the requests it would send, without a network.
 */
export interface TwilioHttpClient {
  request(options: TwilioHttpRequest): Promise<TwilioHttpResponse>;
}

export interface TwilioHttpRequest {
  method: string;
  uri: string;
  username?: string | undefined;
  password?: string | undefined;
  headers?: Record<string, string> | undefined;
  params?: object | undefined;
  data?: object | undefined;
  timeout?: number | undefined;
}

export interface TwilioHttpResponse {
  statusCode: number;
  /** JSON text or an already parsed object, as twilio's Version accepts either. */
  body: unknown;
  headers: Record<string, string>;
}
