/** Writes flows/flow.schema.json from the TypeBox types the engine uses (npm run flow:schema). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Flow } from '../src/flow/schema.js';
import { flowsDir } from '../src/flow/revisions.js';

const file = path.join(flowsDir, 'flow.schema.json');
writeFileSync(file, `${JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...Flow }, null, 2)}\n`);
console.log(`wrote ${file}`);
