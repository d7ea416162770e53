import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const seedDir = path.dirname(fileURLToPath(import.meta.url));
