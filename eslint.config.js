import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import pluginQuery from '@tanstack/eslint-plugin-query';
import path from 'node:path';
import { noImportCycle } from './eslint/no-import-cycle.js';
import { fileURLToPath } from 'node:url';

/**
 * Import direction of ARCHITECTURE.md: app → features → (components, lib, api).
 * Resolves each relative import to a real path, so "../../components" and
 * "../flats" are told apart exactly.
 */
const ROOT = path.dirname(fileURLToPath(import.meta.url));
const REACT_PACKAGES = /^(react|react-dom|@tanstack\/react-query|zustand)(\/|$)/;

function layerOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  if (rel.startsWith('mocks/')) return { layer: 'mocks' };
  const m = /^src\/(app|features|components|lib|api)(?:\/([^/]+))?/.exec(rel);
  if (!m) return { layer: rel.startsWith('src/') ? 'src' : 'other' };
  return { layer: m[1], feature: m[1] === 'features' ? m[2] : undefined, rel };
}

/** An API client (src/api/<service>/client.ts): only the query layer (src/lib) and the API's own tests call it. */
const isClient = (to) => to.layer === 'api' && /^src\/api\/[^/]+\/client\.ts$/.test(to.rel);

function isTestFile(file) {
  return /\.test\.tsx?$/.test(file) || /[\\/]src[\\/]test[\\/]/.test(file);
}

function violation(from, to, source, file) {
  if (from.layer === 'other' || from.layer === 'mocks') return null;
  if (to === null) {
    if (from.layer === 'api' && REACT_PACKAGES.test(source))
      return 'src/api knows no React (nor zustand or react-query).';
    return null;
  }
  if (to.layer === 'mocks' && !isTestFile(file)) return 'src/ never imports mocks/ (tests and demo wiring aside).';
  if (isTestFile(file)) return null;
  if (from.layer === 'api' && ['app', 'features', 'components'].includes(to.layer))
    return 'src/api is the bottom layer.';
  if ((from.layer === 'components' || from.layer === 'lib') && ['app', 'features'].includes(to.layer))
    return 'components/ and lib/ sit below features and app.';
  if (from.layer === 'features' && to.layer === 'app') return 'features never import app/.';
  if (['app', 'features', 'components'].includes(from.layer) && isClient(to))
    return 'features reach the services through src/lib/queries (keys, query options, mutations), not src/api/*/client.ts; types come from src/api/*/schemas.ts.';
  if (from.layer === 'features' && to.layer === 'features' && to.feature !== from.feature)
    return 'Features do not import each other: move what they share into components/ or lib/.';
  return null;
}

const layersRule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    const check = (node) => {
      if (!node.source || typeof node.source.value !== 'string') return;
      const source = node.source.value;
      const to = source.startsWith('.') ? layerOf(path.resolve(path.dirname(file), source)) : null;
      const message = violation(from, to, source, file);
      if (message) context.report({ node: node.source, message: `Import "${source}": ${message}` });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

const meterdeck = { rules: { layers: layersRule, 'no-import-cycle': noImportCycle } };

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-bench',
      'dist-server',
      'node_modules',
      'test-results',
      'playwright-report',
      'public/mockServiceWorker.js',
    ],
  },
  {
    extends: [js.configs.recommended, ...tseslint.configs.strict],
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [jsxA11y.flatConfigs.recommended, ...pluginQuery.configs['flat/recommended']],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { meterdeck },
    rules: { 'meterdeck/layers': 'error' },
  },
  {
    files: ['{src,mocks,server,e2e,bench,scripts}/**/*.{ts,tsx,js,mjs}'],
    plugins: { meterdeck },
    rules: { 'meterdeck/no-import-cycle': 'error' },
  },
);
