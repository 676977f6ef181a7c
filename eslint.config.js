// Lint rules: typescript-eslint recommended, React hooks rules, and the architecture boundaries of STYLE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/vision/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@mediapipe/*'], message: 'Only src/vision imports MediaPipe.' }],
      }],
    },
  },
  {
    // core is pure: it runs in node, a worker and the page.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/core is pure TypeScript: no React.' },
          { group: ['zustand', 'zustand/*'], message: 'src/core is pure TypeScript: no store.' },
          { group: ['@mediapipe/*'], message: 'Only src/vision imports MediaPipe.' },
          { group: ['node:*', 'fs', 'path'], message: 'src/core runs in the browser too: no node modules.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator'],
    },
  },
);
