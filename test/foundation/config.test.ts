import { describe, expect, it } from 'vitest';
import { loadConfig, parseQueueAgents } from '../../src/config.js';

describe('configuration', () => {
  it('has a working default for every setting a first run needs', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '0.0.0.0', DATA_DIR: './data', LOG_LEVEL: 'info', OUT_OF_AREA_NUMBER: '+14432632220' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TWILIO_AUTH_TOKEN).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PUBLIC_BASE_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['LOG_LEVEL', 'loud'],
    ['TWILIO_ACCOUNT_SID', 'XX123'],
    ['TWILIO_AUTH_TOKEN', 'short'],
    ['DB_TIMEOUT_MS', '5'],
  ])('refuses %s=%s and names the setting', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(new RegExp(key));
  });

  it('reads a switch from its words', () => {
    expect(loadConfig({}).DB_PREPARE).toBe(true);
    expect(loadConfig({ DB_PREPARE: 'false' }).DB_PREPARE).toBe(false);
    expect(loadConfig({ DB_PREPARE: 'true' }).DB_PREPARE).toBe(true);
    expect(() => loadConfig({ DB_PREPARE: 'sometimes' })).toThrow(/DB_PREPARE/);
  });

  it('defaults PUBLIC_BASE_URL to localhost on the configured port', () => {
    expect(loadConfig({}).PUBLIC_BASE_URL).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '8080' }).PUBLIC_BASE_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', PUBLIC_BASE_URL: '' }).PUBLIC_BASE_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', PUBLIC_BASE_URL: 'https://311.example.org' }).PUBLIC_BASE_URL).toBe('https://311.example.org');
  });

  it('treats an empty value as unset, so .env files can list every key', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });

  it('reads agents per queue', () => {
    expect(parseQueueAgents('police-non-emergency=+14105550001, +14105550002;operator=+14105550003')).toEqual(
      new Map([
        ['police-non-emergency', ['+14105550001', '+14105550002']],
        ['operator', ['+14105550003']],
      ]),
    );
  });
});

describe('.env.example', () => {
  it('lists every setting with its default, and nothing else', async () => {
    const { readFileSync } = await import('node:fs');
    const { ConfigSchema } = await import('../../src/config.js');
    const listed = new Map(
      readFileSync('.env.example', 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z0-9_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
    );
    const keys = Object.keys(ConfigSchema.properties);
    expect([...listed.keys()].sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const fallback = (ConfigSchema.properties as Record<string, { default?: unknown }>)[key]!.default;
      expect(listed.get(key), key).toBe(fallback === undefined ? '' : String(fallback));
    }
    // The file as written is a valid configuration.
    expect(() => loadConfig(Object.fromEntries(listed))).not.toThrow();
  });
});
