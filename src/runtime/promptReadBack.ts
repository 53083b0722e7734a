/**
 * Prompt WebGL read-backs. tfjs waits for a WebGL read-back by polling a fence, each poll
 * scheduled with `setTimeout(fn, 0)` from inside the previous one (through its platform's
 * `setTimeoutCustom`). Browsers clamp such nested timeouts to 4 ms from the fifth on, so a result
 * the GPU finished in a millisecond reaches the engine up to 4 ms later, whatever computed it: on
 * a software GPU that is most of a small forward pass. Here each poll is scheduled from a
 * MessageChannel task instead, where a timeout is not nested and so not clamped: a poll every
 * `POLL_MS`, without keeping a core busy (a busy poll slowed longer GPU jobs on two cores).
 */
import type * as TF from '@tensorflow/tfjs';

/** Milliseconds between two polls of one read-back. */
export const POLL_MS = 1;

type Schedule = (fn: () => void, delay: number) => void;

const PROMPT = Symbol('prompt read-backs');

/**
 * Make tfjs' WebGL fence polling prompt; returns a function that undoes it. Once per platform:
 * a second call while the first holds does nothing (and its undo neither).
 */
export function promptReadBacks(tf: typeof TF): () => void {
  const platform = tf.env().platform as unknown as
    | { setTimeoutCustom?: Schedule; [PROMPT]?: true }
    | undefined;
  if (!platform || typeof MessageChannel === 'undefined' || platform[PROMPT]) return () => {};
  platform[PROMPT] = true;
  const had = Object.prototype.hasOwnProperty.call(platform, 'setTimeoutCustom');
  const own = platform.setTimeoutCustom;
  const channel = new MessageChannel();
  const waiting: [fn: () => void, delay: number][] = [];
  channel.port1.onmessage = () => {
    const next = waiting.shift();
    if (next) setTimeout(next[0], Math.max(next[1], POLL_MS));
  };
  platform.setTimeoutCustom = (fn, delay) => {
    waiting.push([fn, delay]);
    channel.port2.postMessage(null);
  };
  return () => {
    delete platform[PROMPT];
    channel.port1.close();
    if (had) platform.setTimeoutCustom = own;
    else delete platform.setTimeoutCustom;
  };
}
