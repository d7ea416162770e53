import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
const TYPES = {
  'console.css': 'text/css; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
} as const;
export type AssetName = keyof typeof TYPES;

interface Asset {
  body: Buffer;
  type: string;
  hash: string;
}

const assets = new Map<string, Asset>();
for (const [name, type] of Object.entries(TYPES)) {
  const body = readFileSync(path.join(dir, name));
  assets.set(name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) });
}

/** The asset's URL with its content hash, so browsers may cache it for good. */
export function assetUrl(name: AssetName): string {
  return `/admin/assets/${name}?v=${assets.get(name)!.hash}`;
}

export function asset(name: string): Asset | undefined {
  return assets.get(name);
}
