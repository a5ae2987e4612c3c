// ESLint flat config: typescript-eslint, Astro, React hooks (classic rules), and the layer rules that keep the
// protocol core pure and imports pointing down (docs/architecture.md). `npm run lint` allows no warnings.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { layersRule } from './scripts/lint/layers.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/** npm packages the protocol core may import: pure code that runs unchanged in browsers, workers and Node. */
export const protocolPackages = ['pako'];

/**
 * Imports that break a layer rule today, each with the issue that removes it. Nothing may be added here: fix
 * the import instead. The rule reports an entry that no longer matches, so the list can only shrink.
 */
export const layerExceptions = [];

/** Globals the protocol core and the lab message types must not touch: they run in browsers, workers and Node. */
const NOT_IN_THE_CORE = [
  'Buffer',
  'process',
  'global',
  'require',
  'module',
  '__dirname',
  '__filename',
  'setImmediate',
  'document',
  'window',
  'self',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
].map((name) => ({
  name,
  message: `src/protocol and src/explain are pure TypeScript for browsers, workers and Node: no ${name}.`,
}));

export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'node_modules/', '.tmp/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { wire: { rules: { layers: layersRule } } },
    rules: {
      'wire/layers': ['error', { root, protocolPackages, exceptions: layerExceptions }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Declaration files declare globals with `var`, as TypeScript's own lib files do.
    files: ['**/*.d.ts'],
    rules: { 'no-var': 'off' },
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    // The classic rules only; the React Compiler rules are for code written for the compiler.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/protocol/**', 'src/explain/**', 'src/lab-protocol/**'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: { 'no-restricted-globals': ['error', ...NOT_IN_THE_CORE] },
  },
);
