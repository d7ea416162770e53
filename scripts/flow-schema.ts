/** Writes flows/flow.schema.json from the TypeBox types the engine uses (npm run flow:schema). */
import { writeFileSync } from 'node:fs';
import { flowSchemaFile, renderFlowSchema } from '../src/flow/json-schema.js';

writeFileSync(flowSchemaFile, renderFlowSchema());
console.log(`wrote ${flowSchemaFile}`);
