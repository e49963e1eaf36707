/**
 * Where a V8 CPU profile (node --cpu-prof, or `npm run bench -- --server-profile DIR`) spends its
 * time: self time summed by area (a package of node_modules, a folder of src/, Node's internals,
 * garbage collection, idle) and the top functions.
 *
 *   node --import tsx bench/profile-summary.ts DIR/file.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

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

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
if (positionals.length !== 1) {
  console.error('usage: node --import tsx bench/profile-summary.ts FILE.cpuprofile [--top 25]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

function area(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (url === '') return functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  const src = url.match(/\/src\/([^/]+)\//);
  if (src) return `src/${src[1]}`;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return url;
}

const areas = new Map<string, number>();
const functions = new Map<string, number>();
let total = 0;
for (const [id, micros] of self) {
  const node = byId.get(id)!;
  total += micros;
  const a = area(node);
  areas.set(a, (areas.get(a) ?? 0) + micros);
  const f = `${node.callFrame.functionName || '(anonymous)'}  ${node.callFrame.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${node.callFrame.lineNumber + 1}`;
  functions.set(f, (functions.get(f) ?? 0) + micros);
}
const idle = areas.get('(idle)') ?? 0;
const busy = total - idle;
const show = (title: string, map: Map<string, number>, top: number) => {
  console.log(`\n${title}`);
  for (const [name, micros] of [...map].filter(([n]) => n !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * micros) / busy).toFixed(1).padStart(6)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  }
};
console.log(`${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy (shares below are of the busy time)`);
show('By area', areas, 30);
show('By function', functions, Number(values.top));
