import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowSchemaFile, renderFlowSchema } from '../../src/flow/json-schema.js';

describe('the flow JSON Schema', () => {
  it('in flows/flow.schema.json is what the TypeBox types generate (run npm run flow:schema after changing them)', () => {
    expect(readFileSync(flowSchemaFile, 'utf8')).toBe(renderFlowSchema());
  });
});
