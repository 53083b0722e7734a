/**
 * The engine service and its client wired together in Node the way the page wires them to the
 * worker (every message copied, as postMessage copies it), on tfjs' CPU backend.
 */
import * as engine from '../../../src/lstm/experiments';
import { EngineClient } from '../../../src/runtime/client';
import type { EnginePort, EngineReply } from '../../../src/runtime/protocol';
import { createEngineService, type ServiceDeps } from '../../../src/runtime/service';

export function connect(options: Pick<ServiceDeps, 'loadEdited' | 'loadBench'> = {}): {
  client: EngineClient;
  kill: (reason: string) => void;
  backendStarts: string[];
  /** Send a raw message, as a buggy or hostile page might. */
  raw: (message: unknown) => void;
  replies: EngineReply[];
  /** The port itself, for a client of the caller's own (the last to listen gets the replies). */
  port: EnginePort;
} {
  let onReply: (reply: EngineReply) => void = () => undefined;
  let onDeath: (reason: string) => void = () => undefined;
  const backendStarts: string[] = [];
  const replies: EngineReply[] = [];
  const service = createEngineService(
    (reply) => {
      const copy = structuredClone(reply);
      replies.push(copy);
      onReply(copy);
    },
    {
      startBackend: async (requested) => (
        backendStarts.push(requested),
        {
          active: 'cpu',
          requested,
          floatBits: 32,
          fallbackReason: null,
          detail: '',
          thread: 'worker',
        }
      ),
      loadEngine: async () => engine,
      ...options,
    },
  );
  const port: EnginePort = {
    send: (request) => service.handle(structuredClone(request)),
    listen: (reply, death) => {
      onReply = reply;
      onDeath = death;
    },
    close: () => undefined,
  };
  return {
    client: new EngineClient(port, 'worker'),
    kill: (reason) => onDeath(reason),
    backendStarts,
    raw: (message) => service.handle(message),
    replies,
    port,
  };
}
