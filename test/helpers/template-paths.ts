import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const tmpDir = path.join(root, '.tmp');
/** The migrated, seeded PGlite data directory, dumped once per test run by the global setup. */
export const pgliteTemplatePath = path.join(tmpDir, 'pglite-template.tar.gz');
