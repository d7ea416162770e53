import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { createLogOnlySender } from './log-only-sender.js';
import { createRestSender } from './rest-sender.js';
import type { TwilioHttpClient, TwilioSender } from './sender.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Texts and outbound calls through Twilio's REST API (or a log-only stand-in). */
    twilio: TwilioSender;
  }
}

export interface TwilioPluginOptions {
  /** Replaces twilio's HTTP client (tests record the requests instead of sending them). */
  httpClient?: TwilioHttpClient;
}

/**
 * The official REST client when TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are configured, else a
 * sender that only logs. The client holds no open connections, so there is nothing to close.
 */
async function twilioPlugin(app: FastifyInstance, opts: TwilioPluginOptions) {
  const { config } = app;
  const log = app.log.child({ component: 'twilio' });
  const sender =
    config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN
      ? await createRestSender({
          accountSid: config.TWILIO_ACCOUNT_SID,
          authToken: config.TWILIO_AUTH_TOKEN,
          smsFrom: config.SMS_FROM,
          callFrom: config.LINE_NUMBER ?? config.SMS_FROM,
          httpClient: opts.httpClient,
        })
      : createLogOnlySender(log);
  log.info({ mode: sender.mode }, 'twilio sender ready');
  app.decorate('twilio', sender);
}

export default fp(twilioPlugin, { name: 'twilio', dependencies: ['config'] });
