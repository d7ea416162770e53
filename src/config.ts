import { isIP } from 'node:net';
import envSchema from 'env-schema';
import { Type, type Static } from '@sinclair/typebox';

/**
 * Every setting of the service, validated once at start. Nothing else reads process.env:
 * a wrong value stops the service here with a message naming the setting.
 */
export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  /**
   * Which proxies' X-Forwarded-For / -Proto / -Host to believe: "false" (none, the default), a hop
   * count ("1" behind one load balancer), or a comma list of proxy addresses and CIDRs (and
   * proxy-addr's names loopback, linklocal, uniquelocal). Never "true": that lets any client name
   * its own address and slip past every per-address limit.
   */
  TRUST_PROXY: Type.String({ pattern: '^[^\\s]*$', default: 'false' }),
  /** The URL Twilio requests and signs; unset, http://localhost:$PORT (filled in by loadConfig). */
  PUBLIC_BASE_URL: Type.String({ pattern: '^https?://[^/\\s]+(/[^\\s]*)?$' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  DB_TIMEOUT_MS: Type.Integer({ minimum: 50, maximum: 10000, default: 2000 }),
  DB_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  /**
   * Named prepared statements on PostgreSQL for the queries every webhook runs (parsed and planned
   * once per connection). false behind a pooler that cannot keep them, such as PgBouncer in
   * transaction mode before 1.21.
   */
  DB_PREPARE: Type.Boolean({ default: true }),
  /** Open311 and department API limits, per client address and route, within RATE_LIMIT_WINDOW_MS. */
  OPEN311_READ_RATE_MAX: Type.Integer({ minimum: 1, default: 300 }),
  OPEN311_WRITE_RATE_MAX: Type.Integer({ minimum: 1, default: 30 }),
  DEPARTMENT_RATE_MAX: Type.Integer({ minimum: 1, default: 240 }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1000, maximum: 86_400_000, default: 60_000 }),
  /** Largest POST body the Open311 and department APIs read (a 4,000-character description fits). */
  OPEN311_BODY_LIMIT: Type.Integer({ minimum: 1024, maximum: 1_048_576, default: 65_536 }),
  /** Discovery's contact and key_service: who runs the API and how a client gets a key. */
  OPEN311_CONTACT: Type.String({ default: 'Baltimore City 311' }),
  OPEN311_KEY_SERVICE: Type.String({ default: 'Ask the Baltimore City 311 team for an API key' }),
  TWILIO_ACCOUNT_SID: Type.Optional(Type.String({ pattern: '^AC[0-9a-fA-F]{32}$' })),
  TWILIO_AUTH_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  SMS_FROM: Type.String({ default: '+14432632220' }),
  /** Calls to this number are greeted as the out-of-area line; every other number is the 311 line. */
  OUT_OF_AREA_NUMBER: Type.String({ minLength: 1, default: '+14432632220' }),
  LOG_LEVEL: Type.Unsafe<'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'>({
    type: 'string',
    enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    default: 'info',
  }),
  OUTBOX_POLL_MS: Type.Integer({ minimum: 0, default: 1000 }),
  /** The line's own Twilio number (E.164), the From of call-backs; SMS_FROM when unset. */
  LINE_NUMBER: Type.Optional(Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$' })),
  /** Rows one worker claims and sends concurrently per round. */
  OUTBOX_BATCH: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  /** Sends tried before a row is marked failed (kept for supervisors, never deleted). */
  OUTBOX_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
  /** First retry delay; doubles per attempt (with jitter) up to 15 minutes. */
  OUTBOX_BACKOFF_MS: Type.Integer({ minimum: 1, maximum: 3_600_000, default: 5000 }),
  /** How long a claimed row stays invisible to other workers; outlasts the 15 s send timeout. */
  OUTBOX_LEASE_MS: Type.Integer({ minimum: 20_000, maximum: 3_600_000, default: 60_000 }),
  DUPLICATE_DISTANCE_M: Type.Number({ minimum: 0, maximum: 5000, default: 50 }),
  /** Days after closing during which a caller can still say "it's not fixed" and reopen a request. */
  FOLLOW_UP_WINDOW_DAYS: Type.Integer({ minimum: 0, maximum: 365, default: 30 }),
  QUEUE_ANNOUNCE_EVERY_S: Type.Integer({ minimum: 10, maximum: 600, default: 45 }),
  QUEUE_AGENTS: Type.String({ default: '' }),
  /** Callers already holding in one of our queues at which new callers are offered a call-back instead. */
  QUEUE_MAX_SIZE: Type.Integer({ minimum: 1, maximum: 5000, default: 25 }),
  /** Queues (comma-separated) that offer a call-back at once when no agent is configured for them. */
  QUEUE_CALLBACK_WHEN_UNSTAFFED: Type.String({ default: 'police-non-emergency' }),
  /** Hold audio between announcements; "none" plays silence (<Pause>) instead. */
  QUEUE_HOLD_MUSIC_URL: Type.String({
    pattern: '^(https?://\\S+|none)$',
    default: 'http://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3',
  }),
  /** Tries of a call-back before it is marked failed, and the wait between two tries. */
  QUEUE_CALLBACK_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 10, default: 3 }),
  QUEUE_CALLBACK_RETRY_AFTER_S: Type.Integer({ minimum: 0, maximum: 86_400, default: 600 }),
  /** Bearer token /metrics asks for; unset, /metrics answers only to the machine itself (loopback). */
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  /**
   * The only numbers a flow's `transfer` step may dial (E.164, comma-separated). Empty: none, so a
   * flow with a transfer step cannot be published until its number is listed here.
   */
  TRANSFER_ALLOWED_NUMBERS: Type.String({ pattern: '^\\s*(\\+[1-9][0-9]{6,14}(\\s*,\\s*\\+[1-9][0-9]{6,14})*)?\\s*$', default: '' }),
  ADMIN_COOKIE_SECURE: Type.Boolean({ default: false }),
  /** How long a console sign-in lasts. */
  ADMIN_SESSION_HOURS: Type.Number({ minimum: 0.25, maximum: 720, default: 8 }),
  /** Failed console sign-ins allowed per address and username, and per address, within the window. */
  ADMIN_SIGNIN_MAX_FAILURES: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
  ADMIN_SIGNIN_MAX_FAILURES_PER_IP: Type.Integer({ minimum: 1, maximum: 10000, default: 20 }),
  ADMIN_SIGNIN_WINDOW_MIN: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
  /** Failed sign-ins to one account, from any address, within the window before it is locked. */
  ADMIN_SIGNIN_MAX_FAILURES_PER_ACCOUNT: Type.Integer({ minimum: 1, maximum: 10000, default: 10 }),
  /** The first lockout of an account (minutes); each further one lasts twice as long, up to a day. */
  ADMIN_SIGNIN_LOCKOUT_MIN: Type.Number({ minimum: 0.05, maximum: 1440, default: 5 }),
});

export type Config = Static<typeof ConfigSchema>;

/** Builds the config from an environment (process.env by default); throws naming the bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const data: Record<string, string> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key];
    // An empty value means "unset" so .env files can list every key.
    if (value !== undefined && value !== '') data[key] = value;
  }
  // A local run on another port is still signed and linked at its own address.
  data.PUBLIC_BASE_URL ??= `http://localhost:${data.PORT ?? ConfigSchema.properties.PORT.default}`;
  const config = envSchema<Config>({ schema: ConfigSchema, data, env: false, dotenv: false });
  trustProxyOption(config.TRUST_PROXY);
  return config;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY as Fastify's `trustProxy` option: false, a hop count, or the list of proxies.
 * Throws naming the setting for anything else, "true" included.
 */
export function trustProxyOption(value: string): false | number | string[] {
  const spec = value.trim().toLowerCase();
  if (spec === 'false' || spec === '0') return false;
  if (/^[0-9]+$/.test(spec)) {
    const hops = Number(spec);
    if (hops > 10) throw new Error(`TRUST_PROXY: at most 10 hops, not ${hops}`);
    return hops;
  }
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) throw new Error('TRUST_PROXY: "false", a hop count, or a comma list of proxy addresses/CIDRs');
  for (const entry of entries) {
    if (PROXY_NAMES.has(entry)) continue;
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (!family || !bitsOk || extra !== undefined) {
      throw new Error(`TRUST_PROXY: "${entry}" is not an address, a CIDR or one of loopback, linklocal, uniquelocal ("true" is refused: it trusts any client)`);
    }
  }
  return entries;
}

/** "+14105550100, +14435550101" as a list; empty for an empty setting. */
export function parseNumberList(spec: string): string[] {
  return spec.split(',').map((n) => n.trim()).filter(Boolean);
}

/** Agents' phone numbers per queue, from "queue=+1410...,+1443...;other=+1...". */
export function parseQueueAgents(spec: string): Map<string, string[]> {
  const agents = new Map<string, string[]>();
  for (const part of spec.split(';')) {
    const [queue, numbers] = part.split('=');
    if (!queue?.trim() || !numbers) continue;
    agents.set(queue.trim(), numbers.split(',').map((n) => n.trim()).filter(Boolean));
  }
  return agents;
}
