/**
 * tfjs has one global engine (one backend, one seeded RNG stream), so two cells must never
 * interleave their runs. Every engine call goes through a queue, one at a time: the page's
 * `enqueue`, or a queue of its own in a worker, which has its own tfjs.
 */
export type Enqueue = <T>(job: () => Promise<T>) => Promise<T>;

export function createQueue(): Enqueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** The page's queue, shared by every cell. */
export const enqueue: Enqueue = createQueue();
