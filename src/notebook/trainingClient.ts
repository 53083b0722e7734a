/**
 * The runner's side of the training protocol: numbered requests over a port (a Web Worker, or the
 * service running on the page), each answered once, with progress in between.
 */
import type { TrainConfig } from '../lstm/experimentTypes';
import type { Backend } from '../state/hyperparams';
import type { BackendInfo } from '../state/slices/runtimeSlice';
import type { RunState, TrainingReply, TrainingRequest } from './trainingProtocol';

/** Where requests go and replies come from. */
export interface TrainingPort {
  send: (request: TrainingRequest) => void;
  /** Called once, by the client, with its receiver and what to do if the port dies. */
  listen: (onReply: (reply: TrainingReply) => void, onDeath: (reason: string) => void) => void;
  close: () => void;
}

export type ProgressReply = Extract<TrainingReply, { kind: 'progress' }>;
export type OnProgress = (progress: ProgressReply) => void;

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
/** A request as a caller writes it; the client numbers it. */
type Request = WithoutId<Exclude<TrainingRequest, { kind: 'abort' }>>;

interface Waiting {
  resolve: (reply: TrainingReply) => void;
  reject: (error: Error) => void;
  onProgress?: OnProgress;
}

export class TrainingClient {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  /** Set when the port died (a worker that crashed or could not load); every call fails. */
  private deathReason: string | null = null;

  constructor(
    private readonly port: TrainingPort,
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

  async open(config: TrainConfig, backend: Backend) {
    const reply = await this.call({ kind: 'open', config, backend });
    return expect(reply, 'opened');
  }

  /** Train until done, diverged or aborted; `onStart` learns the id that `abort` takes. */
  async play(fromStart: boolean, onProgress: OnProgress, onStart: (id: number) => void) {
    const reply = await this.call({ kind: 'play', fromStart }, onProgress, onStart);
    return expect(reply, 'settled').state;
  }

  async step(onProgress: OnProgress): Promise<RunState> {
    return expect(await this.call({ kind: 'step' }, onProgress), 'settled').state;
  }

  async reset(): Promise<RunState> {
    return expect(await this.call({ kind: 'reset' }), 'settled').state;
  }

  async close(): Promise<void> {
    expect(await this.call({ kind: 'close' }), 'closed');
  }

  async memory(): Promise<{ numTensors: number; numBytes: number }> {
    const { numTensors, numBytes } = expect(await this.call({ kind: 'memory' }), 'memory');
    return { numTensors, numBytes };
  }

  /** Stop play `id` between two batches; its `play()` then resolves with where it stopped. */
  abort(id: number): void {
    if (!this.dead) this.port.send({ kind: 'abort', id });
  }

  /** Fail whatever is pending and let the port go. */
  dispose(): void {
    this.die('the training service was shut down');
    this.port.close();
  }

  private call(
    request: Request,
    onProgress?: OnProgress,
    onStart?: (id: number) => void,
  ): Promise<TrainingReply> {
    if (this.deathReason !== null) return Promise.reject(new Error(this.deathReason));
    const id = this.nextId++;
    onStart?.(id);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, onProgress });
      this.port.send({ ...request, id } as TrainingRequest);
    });
  }

  private receive(reply: TrainingReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    if (reply.kind === 'progress') {
      waiting.onProgress?.(reply);
      return;
    }
    this.waiting.delete(reply.id);
    if (reply.kind === 'failed') waiting.reject(new Error(reply.message));
    else waiting.resolve(reply);
  }

  private die(reason: string): void {
    this.deathReason ??= reason;
    for (const w of this.waiting.values()) w.reject(new Error(this.deathReason));
    this.waiting.clear();
  }
}

function expect<K extends TrainingReply['kind']>(
  reply: TrainingReply,
  kind: K,
): Extract<TrainingReply, { kind: K }> {
  if (reply.kind !== kind)
    throw new Error(`The training service answered ${reply.kind}, not ${kind}.`);
  return reply as Extract<TrainingReply, { kind: K }>;
}
