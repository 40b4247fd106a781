/**
 * The hub's modules import one another without a circle (type imports included: a route module that needs the
 * server's dependency list imports hub/http/hub-dependencies.ts, never the server that registers it). eslint has no
 * import plugin in this repository, so the graph is read here with the TypeScript pre-processor.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'vitest';
import ts from 'typescript';
import { ROOT } from '../../support/paths.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** file → the files of `within` it imports (relative specifiers only; `.js` in a specifier names the `.ts` source). */
function importGraph(within: string): Map<string, string[]> {
  const files = new Set(sourceFiles(within));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, false);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((s) => s.startsWith('.'))
      .map((s) => resolve(dirname(file), s).replace(/\.js$/, '.ts'))
      .flatMap((t) => (files.has(t) ? [t] : files.has(t.replace(/\.ts$/, '.tsx')) ? [t.replace(/\.ts$/, '.tsx')] : []));
    graph.set(file, targets);
  }
  return graph;
}

/** For each of `starts` that imports itself through other files: the shortest such circle (breadth-first). */
function cyclesThrough(graph: Map<string, string[]>, starts: readonly string[]): string[][] {
  const found: string[][] = [];
  for (const start of starts) {
    const cameFrom = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0 && !cameFrom.has(start)) {
      const file = queue.shift()!;
      for (const next of graph.get(file) ?? []) {
        if (cameFrom.has(next)) continue;
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
    if (!cameFrom.has(start)) continue;
    const circle = [start];
    for (let at = cameFrom.get(start)!; at !== start; at = cameFrom.get(at)!) circle.splice(1, 0, at);
    found.push(circle);
  }
  return found;
}

const show = (cycle: string[]) => cycle.map((f) => relative(ROOT, f)).join(' → ');

test('the cycle finder sees a circle of imports (so that an empty answer below means something)', () => {
  const graph = new Map([
    ['a.ts', ['b.ts']],
    ['b.ts', ['c.ts']],
    ['c.ts', ['a.ts']],
    ['d.ts', ['a.ts']],
  ]);
  assert.deepEqual(cyclesThrough(graph, ['a.ts', 'd.ts']), [['a.ts', 'b.ts', 'c.ts']]);
  assert.deepEqual(cyclesThrough(new Map([['a.ts', ['b.ts']], ['b.ts', []]]), ['a.ts', 'b.ts']), []);
});

test('hub/http: the server and its route modules import one another without a circle', () => {
  const graph = importGraph(join(ROOT, 'hub'));
  const http = join(ROOT, 'hub', 'http');
  const httpFiles = [...graph.keys()].filter((f) => f.startsWith(http));
  assert.ok(httpFiles.length >= 8, 'the hub/http modules were read');
  assert.ok((graph.get(join(http, 'hub-http.ts')) ?? []).includes(join(http, 'terminal-routes.ts')), 'the import graph resolves .js specifiers');
  assert.deepEqual(cyclesThrough(graph, httpFiles).map(show), []);
});
