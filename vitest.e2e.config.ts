import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/globalSetup.ts'],
    setupFiles: ['tests/unit/quiet.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // One browser at a time: the machine has two cores and SwiftShader is CPU-bound.
    fileParallelism: false,
    reporters: ['default', ['json', { outputFile: 'test-results/e2e.json' }]],
  },
});
