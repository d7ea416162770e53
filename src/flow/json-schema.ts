import path from 'node:path';
import { Flow } from './schema.js';
import { flowsDir } from './revisions.js';

/** flows/flow.schema.json: the flow format as JSON Schema, for editors and other tools. */
export const flowSchemaFile = path.join(flowsDir, 'flow.schema.json');

/** The JSON Schema text generated from the TypeBox types the engine uses, as the file holds it. */
export function renderFlowSchema(): string {
  return `${JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...Flow }, null, 2)}\n`;
}
