import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'bench-results', 'public'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
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
              group: [
                'react',
                'react-dom',
                'react/*',
                'd3',
                'd3-*',
                'zustand',
                'zustand/*',
                'katex',
              ],
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
);
