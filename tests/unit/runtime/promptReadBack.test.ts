/** WebGL read-backs polled from MessageChannel tasks: every poll runs, in order, and undo restores tfjs' own. */
import type * as TF from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { promptReadBacks } from '../../../src/runtime/promptReadBack';

type Schedule = (fn: () => void, delay: number) => void;

function fakeTf() {
  const own: Schedule = () => {
    throw new Error('tfjs’ own scheduler ran');
  };
  const platform: { setTimeoutCustom?: Schedule } = Object.create({ setTimeoutCustom: own });
  const tf = { env: () => ({ platform }) } as unknown as typeof TF;
  return { tf, platform, own };
}

/** A read-back's polls as tfjs makes them: each scheduled from inside the one before. */
function poll(schedule: Schedule, polls: number, delay = 0): Promise<number[]> {
  const at: number[] = [];
  return new Promise((resolve) => {
    const tick = () => {
      at.push(performance.now());
      if (at.length === polls) resolve(at);
      else schedule(tick, delay);
    };
    schedule(tick, delay);
  });
}

test('every poll of a read-back runs, one after another', async () => {
  const { tf, platform } = fakeTf();
  const undo = promptReadBacks(tf);
  try {
    const at = await poll(platform.setTimeoutCustom!, 8);
    expect(at).toHaveLength(8);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  } finally {
    undo();
  }
});

test('a longer delay asked for is kept', async () => {
  const { tf, platform } = fakeTf();
  const undo = promptReadBacks(tf);
  try {
    const t0 = performance.now();
    const [first] = await poll(platform.setTimeoutCustom!, 1, 15);
    // Node's timers may fire up to a millisecond early against performance.now().
    expect(first! - t0).toBeGreaterThanOrEqual(10);
  } finally {
    undo();
  }
});

test('two read-backs polled at once both finish', async () => {
  const { tf, platform } = fakeTf();
  const undo = promptReadBacks(tf);
  try {
    const [a, b] = await Promise.all([
      poll(platform.setTimeoutCustom!, 5),
      poll(platform.setTimeoutCustom!, 3),
    ]);
    expect([a.length, b.length]).toEqual([5, 3]);
  } finally {
    undo();
  }
});

test('once per platform, and undo gives tfjs its own scheduler back', () => {
  const { tf, platform, own } = fakeTf();
  const undo = promptReadBacks(tf);
  const patched = platform.setTimeoutCustom;
  expect(patched).not.toBe(own);
  const again = promptReadBacks(tf);
  expect(platform.setTimeoutCustom).toBe(patched);
  again();
  expect(platform.setTimeoutCustom).toBe(patched);
  undo();
  expect(platform.setTimeoutCustom).toBe(own);
  expect(Object.prototype.hasOwnProperty.call(platform, 'setTimeoutCustom')).toBe(false);
});

test('a tfjs without a platform is left alone', () => {
  const tf = { env: () => ({}) } as unknown as typeof TF;
  expect(() => promptReadBacks(tf)()).not.toThrow();
});
