/**
 * The page's side of the protocol: numbered requests over a port (the engine worker, or the
 * service running on the page), each answered once, with training progress in between. A caller
 * that no longer wants an answer aborts its signal, and the request is cancelled in the service.
 */
import type { BackendInfo } from '../lstm/experimentTypes';
import {
  PROTOCOL_VERSION,
  type Answers,
  type Ask,
  type EnginePort,
  type EngineReply,
  type EngineRequest,
  type FailCode,
  type ProgressReply,
  type BenchProgressReply,
} from './protocol';
import type { CodeLocation } from './edits/types';

export type OnProgress = (progress: ProgressReply) => void;

/** A refusal or failure from the engine, with what the service said about it. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly code: FailCode | 'dead' | 'cancelled' | 'stalled' | 'lost',
    readonly field?: string,
    /** Where in the reader's edited code it failed. */
    readonly where?: CodeLocation,
  ) {
    super(message);
    this.name = code === 'cancelled' ? 'AbortError' : 'EngineError';
  }
}

/** The reply each kind of request must settle with. */
const ANSWER_KIND: { [K in Ask['kind']]: Answers[K]['kind'] } = {
  backend: 'backend',
  forward: 'forward',
  inspect: 'inspect',
  'train.open': 'train.opened',
  'train.play': 'train.settled',
  'train.step': 'train.settled',
  'train.reset': 'train.settled',
  'train.close': 'train.closed',
  'train.gradcheck': 'train.gradcheck',
  'train.predict': 'train.predicted',
  'train.save': 'train.saved',
  'model.load': 'model.loaded',
  optimizers: 'optimizers',
  'train.probe': 'train.probed',
  'bench.run': 'bench.done',
  memory: 'memory',
  ping: 'pong',
  'gpu.lose': 'gpu.lose',
};

interface Waiting {
  kind: Ask['kind'];
  resolve: (reply: EngineReply) => void;
  reject: (error: Error) => void;
  onProgress?: OnProgress;
  onBenchProgress?: (progress: BenchProgressReply) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: OnProgress;
  /** A benchmark's progress, after every run. */
  onBenchProgress?: (progress: BenchProgressReply) => void;
  /** Learns the id the request was sent with (what `cancel` takes). */
  onSent?: (id: number) => void;
}

export class EngineClient {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  /** Set when the port died (a worker that crashed or could not load); every call fails. */
  private deathReason: string | null = null;
  private deathCode: 'dead' | 'lost' = 'dead';

  constructor(
    private readonly port: EnginePort,
    /** Where the service runs. */
    readonly thread: BackendInfo['thread'],
  ) {
    port.listen(
      (reply) => this.receive(reply),
      (reason) => this.die(reason),
    );
  }

  get dead(): boolean {
    return this.deathReason !== null;
  }

  /** The port died because its WebGL context was lost (a fresh worker may well have one). */
  get lost(): boolean {
    return this.deathCode === 'lost';
  }

  /** Send `ask`; resolves with its answer, rejects with an EngineError (AbortError if cancelled). */
  call<A extends Ask>(ask: A, options: CallOptions = {}): Promise<Answers[A['kind']]> {
    if (this.deathReason !== null) {
      return Promise.reject(new EngineError(this.deathReason, this.deathCode));
    }
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new EngineError('Cancelled.', 'cancelled'));
    const id = this.nextId++;
    return new Promise<Answers[A['kind']]>((resolve, reject) => {
      const onAbort = () => this.cancel(id);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(id, {
        kind: ask.kind,
        resolve: (r) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(r as Answers[A['kind']]);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
        onProgress: options.onProgress,
        onBenchProgress: options.onBenchProgress,
      });
      this.port.send({ ...ask, v: PROTOCOL_VERSION, id } as EngineRequest);
      options.onSent?.(id);
    });
  }

  /** Stop request `id`: waiting, it never starts; running, it stops at its next checkpoint. */
  cancel(id: number): void {
    if (!this.dead)
      this.port.send({ v: PROTOCOL_VERSION, kind: 'cancel', id: this.nextId++, target: id });
  }

  /** Fail whatever is pending and let the port go. */
  dispose(): void {
    this.die('the engine was shut down');
    this.port.close();
  }

  private receive(reply: EngineReply): void {
    if (reply.kind === 'lost') {
      // Its work would wait forever on a context that is gone: fail it all, end the worker.
      this.die(reply.message, 'lost');
      this.port.close();
      return;
    }
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    if (reply.kind === 'train.progress') {
      waiting.onProgress?.(reply);
      return;
    }
    if (reply.kind === 'bench.progress') {
      waiting.onBenchProgress?.(reply);
      return;
    }
    this.waiting.delete(reply.id);
    if (reply.kind === 'failed') {
      waiting.reject(new EngineError(reply.message, reply.code, reply.field, reply.where));
    } else if (reply.kind === 'cancelled') {
      waiting.reject(new EngineError('Cancelled: a newer request replaced this one.', 'cancelled'));
    } else if (reply.kind !== ANSWER_KIND[waiting.kind]) {
      waiting.reject(
        new EngineError(
          `The engine answered ${reply.kind}, not ${ANSWER_KIND[waiting.kind]}.`,
          'error',
        ),
      );
    } else waiting.resolve(reply);
  }

  private die(reason: string, code: 'dead' | 'lost' = 'dead'): void {
    if (this.deathReason === null) {
      this.deathReason = reason;
      this.deathCode = code;
    }
    for (const w of this.waiting.values())
      w.reject(new EngineError(this.deathReason, this.deathCode));
    this.waiting.clear();
  }
}
