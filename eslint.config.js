import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** What draws: neither the engine nor the runtime imports any of it. */
const UI_PACKAGES = [
  'react',
  'react-dom',
  'react/*',
  'd3',
  'd3-*',
  'zustand',
  'zustand/*',
  'katex',
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'bench-results', 'public', '.scratch'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The engine and the parity emulation must stay usable from Node without a browser.
    files: ['src/lstm/**/*.ts', 'src/parity/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: UI_PACKAGES,
              message: 'The engine imports no UI.',
            },
            {
              group: ['**/app/**', '**/notebook/**', '**/charts/**', '**/state/**'],
              message: 'Arrows point one way: app -> notebook/charts/state -> lstm/parity.',
            },
          ],
        },
      ],
    },
  },
  {
    // The runtime talks to the engine and to the page's code above it; it draws nothing.
    files: ['src/runtime/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: UI_PACKAGES,
              message: 'The runtime has no React, no DOM beyond Worker, no store.',
            },
            {
              group: ['**/app/**', '**/notebook/**', '**/charts/**', '**/state/**', '**/embed/**'],
              message: 'Arrows point one way: notebook -> runtime -> lstm.',
            },
          ],
        },
      ],
    },
  },
  {
    // The page computes nothing: tfjs lives in the engine worker (and the lazy page fallback).
    // Of the engine, the page may import only its plain-data modules; types from the rest.
    files: ['src/notebook/**', 'src/app/**', 'src/charts/**', 'src/state/**', 'src/embed/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tensorflow/*'],
              message: 'No tfjs on the page: send the work to the engine worker (src/runtime).',
            },
            {
              regex:
                '/lstm/(?!(gates|traceData|experimentTypes|limits|budget|train/progress|train/gradientTypes|train/predictionTypes|train/pitfallTypes|train/optimizerTypes|bench/types)$)',
              allowTypeImports: true,
              message:
                'This engine module loads tfjs: import its types only, or a plain-data module.',
            },
          ],
        },
      ],
    },
  },
);
