import fs from 'node:fs';
import path from 'node:path';

/**
 * meterdeck/no-import-cycle: a module may not reach itself through its
 * relative imports — static, type-only, re-exports and dynamic `import()`
 * alike, because a type-only loop is still two modules that cannot be
 * understood (or moved) one without the other. Written here rather than
 * taken from eslint-plugin-import-x because that plugin brings a native
 * resolver and a full module map for what is, in this code base (relative
 * specifiers with extensions only), a graph walk of fifty lines.
 */

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"\n]+)\1/g;

/** Relative imports of a file on disk, resolved to absolute paths; cached by modification time. */
const cache = new Map();
function importsOf(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return [];
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs) return hit.imports;
  const text = fs.readFileSync(file, 'utf8');
  const imports = [...text.matchAll(SPECIFIER)].map((m) => path.resolve(path.dirname(file), m[2]));
  cache.set(file, { mtimeMs: stat.mtimeMs, imports });
  return imports;
}

/** The shortest chain of imports from `start` back to `target`, or null. */
function pathBack(start, target) {
  const seen = new Set([start]);
  let frontier = [[start]];
  while (frontier.length > 0) {
    const next = [];
    for (const chain of frontier) {
      for (const dep of importsOf(chain[chain.length - 1])) {
        if (dep === target) return chain;
        if (seen.has(dep) || /node_modules/.test(dep)) continue;
        seen.add(dep);
        next.push([...chain, dep]);
      }
    }
    frontier = next;
  }
  return null;
}

export const noImportCycle = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.')) return;
      const chain = pathBack(path.resolve(path.dirname(file), source.value), file);
      if (!chain) return;
      const names = [file, ...chain].map((f) => path.relative(root, f).split(path.sep).join('/'));
      context.report({
        node: source,
        message: `Import "${source.value}" closes a loop: ${names.join(' → ')} → back. Move what both need into a third module.`,
      });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
