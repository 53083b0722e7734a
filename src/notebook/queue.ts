/**
 * tfjs has one global engine (one backend, one seeded RNG stream), so two cells must never
 * interleave their runs. Every engine call goes through this queue, one at a time.
 */
let tail: Promise<unknown> = Promise.resolve();

export function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const run = tail.then(job, job);
  tail = run.catch(() => undefined);
  return run;
}
