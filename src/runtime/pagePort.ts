/**
 * The fallback: the same engine service, run by the page itself with the page's own tfjs, for
 * when no worker can do the job. Imported lazily, so the normal path loads no tfjs on the page.
 */
import * as tf from '@tensorflow/tfjs';
import * as bench from '../lstm/bench';
import * as engine from '../lstm/experiments';
import type { EnginePort, EngineReply } from './protocol';
import { createEngineService } from './service';
import { oncePerChoice, startBackend } from './startBackend';
import { applyFlags, flagsFromSearch } from './tfjsFlags';

export function pagePort(): EnginePort {
  // The link's flags, read here too rather than trusting tfjs' own reading of the address.
  applyFlags(tf.env(), flagsFromSearch(location.search));
  let deliver: (reply: EngineReply) => void = () => undefined;
  const service = createEngineService(
    // As postMessage would, answer in a later task: callers never see a reply re-entrantly.
    (reply) => queueMicrotask(() => deliver(reply)),
    {
      startBackend: oncePerChoice((requested) => startBackend(tf, requested, 'page')),
      loadEngine: () => Promise.resolve(engine),
      // Static: this whole module is the page's lazily loaded fallback already.
      loadBench: () => Promise.resolve(bench),
    },
  );
  return {
    send: (request) => service.handle(structuredClone(request)),
    listen: (onReply) => {
      deliver = onReply;
    },
    close: () => undefined,
  };
}
