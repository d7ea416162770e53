import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
// chart.js exports no path to its browser bundle; it sits beside the CommonJS entry point.
const chartDir = path.dirname(createRequire(import.meta.url).resolve('chart.js'));

const FILES = {
  'chart.umd.min.js': { file: path.join(chartDir, 'chart.umd.min.js'), type: 'text/javascript; charset=utf-8' },
  'stats.js': { file: path.join(here, 'stats.js'), type: 'text/javascript; charset=utf-8' },
  'stats.css': { file: path.join(here, 'stats.css'), type: 'text/css; charset=utf-8' },
} as const;
export type StatsAssetName = keyof typeof FILES;

interface Asset {
  body: Buffer;
  type: string;
  hash: string;
}

const assets = new Map<string, Asset>(
  Object.entries(FILES).map(([name, { file, type }]) => {
    const body = readFileSync(file);
    return [name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) }];
  }),
);

/** The asset's URL with its content hash, so browsers may keep it for good. */
export function statsAssetUrl(name: StatsAssetName): string {
  return `/admin/stats/assets/${name}?v=${assets.get(name)!.hash}`;
}

export function statsAsset(name: string): Asset | undefined {
  return Object.hasOwn(FILES, name) ? assets.get(name) : undefined;
}
