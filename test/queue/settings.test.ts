import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { agentRoster, callbackWhenUnstaffed } from '../../src/queue/agents.js';

describe('queue settings', () => {
  it('has defaults that work without any queue setting', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      QUEUE_MAX_SIZE: 25,
      QUEUE_CALLBACK_WHEN_UNSTAFFED: 'police-non-emergency',
      QUEUE_CALLBACK_MAX_ATTEMPTS: 3,
      QUEUE_CALLBACK_RETRY_AFTER_S: 600,
    });
    expect(config.QUEUE_HOLD_MUSIC_URL).toMatch(/^https?:\/\//);
  });

  it('refuses hold audio that is neither a web address nor "none"', () => {
    expect(() => loadConfig({ QUEUE_HOLD_MUSIC_URL: 'ftp://example.org/music.mp3' })).toThrow(/QUEUE_HOLD_MUSIC_URL/);
    expect(loadConfig({ QUEUE_HOLD_MUSIC_URL: 'none' }).QUEUE_HOLD_MUSIC_URL).toBe('none');
  });

  it('knows agents by their number in any common spelling, and which queues are staffed', () => {
    const roster = agentRoster('police-non-emergency=(410) 555-0001, +14105550002;operator=+1 410 555 0003,not-a-number');
    expect(roster.queuesOf('+14105550001')).toEqual(['police-non-emergency']);
    expect(roster.queuesOf('+14105550003')).toEqual(['operator']);
    expect(roster.queuesOf('+14435550199')).toEqual([]);
    expect(roster.queuesOf(undefined)).toEqual([]);
    expect(roster.staffed('police-non-emergency')).toBe(true);
    expect(agentRoster('operator=+14105550003').staffed('police-non-emergency')).toBe(false);
    expect([...callbackWhenUnstaffed(' police-non-emergency , operator,')]).toEqual(['police-non-emergency', 'operator']);
  });
});
