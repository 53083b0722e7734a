import { defineConfig } from 'vitest/config';

/** `npm run bench:budget`: the work budget's calibration, run by hand (never part of npm test). */
export default defineConfig({
  test: {
    include: ['tests/bench/**/*.calibrate.ts'],
    environment: 'node',
    testTimeout: 900_000,
  },
});
