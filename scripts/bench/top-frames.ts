/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and lists where the time went: the functions with
 * the most self time, and the same time summed per package or source folder.
 * Also runnable alone: npx tsx scripts/bench/top-frames.ts <file.cpuprofile> [count]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface FrameTime {
  name: string;
  ms: number;
  share: number;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function where(url: string): string {
  if (!url) return '(native)';
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (file.startsWith('node:')) return file;
  return path.relative(root, file);
}

/**
 * Time spent in each of the project's own functions (src/, db/) and everything they called:
 * where a webhook's time goes, by the code we can change.
 */
export function projectTotals(profile: Profile, count = 25): FrameTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const totals = new Map<string, number>();
  // Depth-first from the root, carrying the project functions already on the stack so that a
  // recursive or re-entered function is counted once per sample.
  const visit = (id: number, onStack: Set<string>): number => {
    const node = byId.get(id);
    if (!node) return 0;
    const place = where(node.callFrame.url);
    const own = place.startsWith('src/') || place.startsWith('db/') ? `${node.callFrame.functionName || '(anonymous)'} ${place}:${node.callFrame.lineNumber + 1}` : undefined;
    const fresh = own !== undefined && !onStack.has(own);
    if (fresh) onStack.add(own!);
    let us = selfUs.get(id) ?? 0;
    for (const child of node.children ?? []) us += visit(child, onStack);
    if (fresh) {
      onStack.delete(own!);
      totals.set(own!, (totals.get(own!) ?? 0) + us);
    }
    return us;
  };
  const childIds = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  for (const node of profile.nodes) if (!childIds.has(node.id)) visit(node.id, new Set());
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, ms: us / 1000, share: total ? us / total : 0 }));
}

export function topFrames(profile: Profile, count = 25): { functions: FrameTime[]; places: FrameTime[]; totalMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  const functions = new Map<string, number>();
  const places = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    total += us;
    const place = where(frame.url);
    const isFolder = !place.includes('/') || place.startsWith('@') || place.startsWith('(') || place.startsWith('node:');
    const name = `${frame.functionName || '(anonymous)'} ${frame.url ? `${place}${isFolder ? '' : `:${frame.lineNumber + 1}`}` : ''}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + us);
    const group = place.startsWith('src/') || place.startsWith('db/') || place.startsWith('scripts/') ? path.dirname(place) : place;
    places.set(group, (places.get(group) ?? 0) + us);
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, us]) => ({ name, ms: us / 1000, share: total ? us / total : 0 }));
  return { functions: rank(functions), places: rank(places), totalMs: total / 1000 };
}

export function formatTopFrames(file: string, count = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const { functions, places, totalMs } = topFrames(profile, count);
  const line = (f: FrameTime) => `  ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.ms.toFixed(0).padStart(7)} ms  ${f.name}`;
  return [
    `CPU profile ${path.basename(file)}: ${(totalMs / 1000).toFixed(1)} s sampled`,
    'Self time by function:',
    ...functions.map(line),
    'Self time by package or folder:',
    ...places.slice(0, 15).map(line),
    "Total time (with callees) in the project's own functions:",
    ...projectTotals(profile, count).map(line),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [file, count] = process.argv.slice(2);
  if (!file) {
    console.error('usage: npx tsx scripts/bench/top-frames.ts <file.cpuprofile> [count]');
    process.exit(2);
  }
  console.log(formatTopFrames(file, count ? Number(count) : 25));
}
