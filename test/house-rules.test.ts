import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(root, 'test/fixtures/house-rules');

// The project's own eslint.config.js, run on a fixture as if it were the file `as`. Only the import
// rule runs: the fixture is not in the TypeScript project, so type-aware rules cannot.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
});

async function lintFixture(fixture: string, as: string) {
  const [result] = await eslint.lintText(readFileSync(path.join(fixtures, fixture), 'utf8'), { filePath: path.join(root, as) });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

describe('house rules in the linter', () => {
  it.each([
    ['intake-imports-voice.ts', 'src/intake/fixture.ts', /never imports an edge/],
    ['intake-imports-voice.ts', 'src/outbox/fixture.ts', /never imports an edge/],
    ['location-imports-intake.ts', 'src/location/fixture.ts', /src\/location never imports src\/intake/],
    ['room-imports-engine-insides.ts', 'src/status/fixture.ts', /only through src\/flow\/step-api\.ts/],
    ['engine-imports-room.ts', 'src/flow/fixture.ts', /only through the handler map/],
    ['db-imports-src.ts', 'db/seed/fixture.ts', /db\/ never imports src\//],
  ])('refuses %s as %s', async (fixture, as, why) => {
    const messages = await lintFixture(fixture, as);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ rule: 'no-restricted-imports', message: expect.stringMatching(why) });
  }, 30_000);

  it('lets a room use the step API, another room and db/', async () => {
    expect(await lintFixture('room-uses-step-api.ts', 'src/intake/fixture.ts')).toEqual([]);
  }, 30_000);

  it('lets the handler map import the rooms it registers', async () => {
    expect(await lintFixture('engine-imports-room.ts', 'src/flow/handlers.ts')).toEqual([]);
  }, 30_000);
});
