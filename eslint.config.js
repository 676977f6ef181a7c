// Lint rules: typescript-eslint recommended, React hooks rules, and the architecture boundaries of STYLE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Folders of src/ that make up the page; src/core runs without any of them (node tools, the workers, tests).
const PAGE_FOLDERS = [
  'actions', 'session', 'store', 'components', 'pages', 'vision', 'recognizer', 'training', 'storage', 'engines',
  'bench', 'platform', 'render', 'offline',
];

const NO_MEDIAPIPE = { group: ['@mediapipe/*'], message: 'Only src/vision imports MediaPipe.' };

// core is pure: it runs in node, a worker and the page.
const PURE_CORE = [
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/core is pure TypeScript: no React.' },
  { group: ['zustand', 'zustand/*'], message: 'src/core is pure TypeScript: no store.' },
  NO_MEDIAPIPE,
  { group: ['node:*', 'fs', 'path'], message: 'src/core runs in the browser too: no node modules.' },
];

// The trainers in src/core/train; what they share lives in src/core/train/shared.
const TRAINERS = ['builtin', 'user', 'motion'];

/** The regex of a relative import that climbs `ups` folders and then enters one of `folders`. */
function climbsInto(ups, folders) {
  const climb = ups === 0 ? '\\./' : `(\\.\\./){${ups}}`;
  return `^${climb}(${folders.join('|')})(/|$)`;
}

function corePatterns(depth) {
  return [...PURE_CORE, {
    regex: climbsInto(depth, PAGE_FOLDERS),
    message: `src/core imports none of the page's folders (src/{${PAGE_FOLDERS.join(',')}}).`,
  }, {
    regex: `^(\\.\\./){${depth}}kernels(/(?!ref(/|$))|$)`,
    message: 'src/core uses the kernels\' integer spec (src/kernels/ref) only; the page picks and loads the kernels.',
  }];
}

/**
 * Import boundaries, one entry per part of the tree, general parts first. ESLint uses only the last
 * `no-restricted-imports` setting that matches a file, so each part lists every pattern that applies to it.
 * `patterns` is a list, or a function of the file's depth below `base` (src/core/quant/x.ts is 2 below src) so
 * that a pattern names a folder by its exact relative path: `../` written `depth` times is `base`; null: no rule.
 */
const BOUNDARIES = [
  { dir: 'src', base: 'src', patterns: [NO_MEDIAPIPE] },
  { dir: 'src/vision', base: 'src', patterns: null },
  {
    // Inference (landmarks, mlp, model, gestures, quant, overlay, stats, dataset) runs in the page: training
    // (src/core/train) imports it, never the other way round.
    dir: 'src/core', base: 'src',
    patterns: (depth) => [...corePatterns(depth), {
      regex: climbsInto(depth - 1, ['train']),
      message: 'Inference code in src/core does not import the trainer (src/core/train).',
    }],
  },
  // Training may use every part of core.
  { dir: 'src/core/train', base: 'src', patterns: corePatterns },
  // Each trainer reads on its own: it uses shared/ and inference code, not another trainer; shared/ uses no trainer.
  ...[...TRAINERS, 'shared'].map((folder) => ({
    dir: `src/core/train/${folder}`, base: 'src',
    patterns: (depth) => [...corePatterns(depth), {
      regex: climbsInto(depth - 2, TRAINERS.filter((trainer) => trainer !== folder)),
      message: 'A trainer imports no other trainer, and src/core/train/shared imports none: what they share lives in shared/.',
    }],
  })),
  // The fuzzer is a test tool (never in the page): it trains real user models as seed files.
  { dir: 'src/core/fuzz', base: 'src', patterns: corePatterns },
  {
    dir: 'src/kernels', base: 'src',
    patterns: (depth) => [NO_MEDIAPIPE, {
      regex: `^(\\.\\./){${depth}}(?!(kernels|util)(/|$))`,
      message: 'src/kernels imports only its own files (ref/ is the integer spec) and src/util.',
    }],
  },
  {
    dir: 'src/store', base: 'src',
    patterns: (depth) => [NO_MEDIAPIPE, {
      regex: climbsInto(depth, ['session', 'components', 'pages']),
      message: 'The store holds state: the session, components and pages import it, never the other way round.',
    }],
  },
  {
    dir: 'src/util', base: 'src',
    patterns: [{ regex: '.', message: 'src/util imports nothing, so every part of the tree may use it.' }],
  },
  {
    dir: 'tools', base: '.',
    patterns: (depth) => [{
      regex: climbsInto(depth, ['tests']),
      message: 'tools/ imports src/ and never tests/: page objects both need live in tools/browser.',
    }],
  },
];

const SOURCE_FILES = '*.{ts,tsx,js,mjs}';
// Depth-dependent patterns are generated this many folders deep below their part (the tree has 2 below src/core).
const MAX_SUBFOLDER_DEPTH = 6;

/** One config object per part, and per subfolder depth when the depth decides the patterns. */
function importBoundaries() {
  return BOUNDARIES.flatMap(({ dir, base, patterns }) => {
    const everyFile = [`${dir}/**/${SOURCE_FILES}`];
    if (patterns === null) return [{ files: everyFile, rules: { 'no-restricted-imports': 'off' } }];
    if (Array.isArray(patterns)) return [{ files: everyFile, rules: { 'no-restricted-imports': ['error', { patterns }] } }];
    const dirDepth = dir.split('/').length - (base === '.' ? 0 : base.split('/').length);
    return Array.from({ length: MAX_SUBFOLDER_DEPTH + 1 }, (_, below) => ({
      files: [`${dir}/${'*/'.repeat(below)}${SOURCE_FILES}`],
      rules: { 'no-restricted-imports': ['error', { patterns: patterns(dirDepth + below) }] },
    }));
  });
}

export default tseslint.config(
  // src/kernels/assembly is AssemblyScript: asc type-checks it when building the kernels (npm run build:kernels).
  { ignores: ['dist', 'node_modules', 'public', 'coverage', 'test-results', '.tmp', 'src/kernels/assembly'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  ...importBoundaries(),
  {
    // core is pure: it runs in node, a worker and the page.
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'navigator'] },
  },
);
