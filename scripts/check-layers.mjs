// The layer rules of docs/ARCHITECTURE.md, checked: dependency-cruiser with .dependency-cruiser.cjs
// (which folder may import which), and no cycle between the folders of src/.
// `node scripts/check-layers.mjs [root]` prints each violation and exits 1 when there is one;
// test/architecture.test.ts runs it on the project and on a tree with a deliberate violation.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const PROJECT = fileURLToPath(new URL('..', import.meta.url));

/** The folder of src/ (or `web`) a module belongs to; undefined outside. */
export function folderOf(path) {
  if (path.startsWith('web/src/')) return 'web';
  const match = /^src\/([^/]+)\//.exec(path);
  if (match) return match[1];
  return /^src\/[^/]+\.ts$/.test(path) ? path.slice(4, -3) : undefined;
}

/** Cycles between folders (Tarjan's strongly connected components of more than one folder). */
export function folderCycles(edges) {
  const graph = new Map();
  for (const [from, to] of edges) {
    if (!graph.has(from)) graph.set(from, new Set());
    if (!graph.has(to)) graph.set(to, new Set());
    graph.get(from).add(to);
  }
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (node) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), indices.get(next)));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return cycles;
}

/**
 * Checks the tree under `root` (default: this project) with the project's rules. Answers the
 * violations as lines a person can act on; empty when the layers hold.
 */
export async function checkLayers(root = PROJECT) {
  const config = await extractDepcruiseConfig(resolve(PROJECT, '.dependency-cruiser.cjs'));
  const tsConfig = extractTSConfig(resolve(PROJECT, 'tsconfig.json'));
  const previous = process.cwd();
  process.chdir(root);
  try {
    const { output } = await cruise(
      ['src', 'web/src'].filter((dir) => existsDir(resolve(root, dir))),
      { ...config.options, tsConfig: { fileName: resolve(PROJECT, 'tsconfig.json') }, validate: true, ruleSet: { forbidden: config.forbidden }, baseDir: root },
      { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
      { tsConfig },
    );
    const lines = output.summary.violations
      .filter((violation) => violation.rule.severity === 'error')
      .map((violation) => `${violation.rule.name}: ${violation.from} -> ${violation.to}`);
    const edges = [];
    for (const module of output.modules) {
      if (/\.test\.tsx?$|\.testkit\.ts$/.test(module.source)) continue;
      const from = folderOf(module.source);
      if (!from) continue;
      for (const dependency of module.dependencies) {
        const to = folderOf(dependency.resolved);
        if (to && to !== from) edges.push([from, to]);
      }
    }
    for (const cycle of folderCycles(edges)) lines.push(`no-folder-cycle: ${cycle.join(', ')} import each other`);
    return lines;
  } finally {
    process.chdir(previous);
  }
}

function existsDir(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const violations = await checkLayers(process.argv[2] ? resolve(process.argv[2]) : PROJECT);
  for (const line of violations) console.error(line);
  console.log(violations.length === 0 ? 'Layers hold: no forbidden import, no cycle between folders.' : `${violations.length} layer violation(s).`);
  process.exit(violations.length === 0 ? 0 : 1);
}
