/**
 * Where a fused pass's time goes on WebGL, piece by piece. Each piece is one kind of program the
 * fused pass runs, dispatched as often as the pass dispatches it, with the engine's own shapes, on
 * fixed inputs, and read back through a single texel: its median less the round trip's is the
 * piece's own time. Beside them, the same for the floor's multiplications, and the whole runs
 * the benchmark times.
 *
 * What it is for: the fused pass cannot take less than the pieces it must run, so library ÷
 * (their sum + one round trip) bounds its speed-up over the library with these programs,
 * whatever else is made faster (`bound` in the result).
 */
import * as tf from '@tensorflow/tfjs';
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import {
  median,
  roundTripWorkload,
  timeInTurns,
  workloadFor,
  type BenchImpl,
  type BenchOp,
  type BenchSize,
  type Workload,
} from '../../src/lstm/bench';
import { H_INPUT_UNITS, run } from '../../src/lstm/fused/webgl';
import {
  CellProgram,
  GatesByUnitProgram,
  StepProgram,
  TakeStateProgram,
  ZProgram,
} from '../../src/lstm/fused/webglPrograms';
import { DhProgram, StepBackProgram } from '../../src/lstm/fused/webglBackwardPrograms';

/** One row of the profile: a whole run, or a piece of the fused pass or of the floor. */
export interface PieceRow {
  name: string;
  of: 'whole' | 'fused' | 'floor';
  /** Programs one run of the piece dispatches (null for a whole run). */
  programs: number | null;
  /** The fused program's input names, as `countDispatches` shows them (null: a tfjs kernel). */
  inputs: string | null;
  /** Median milliseconds, read back included. */
  medianMs: number;
  /** The piece's own time: its median less the round trip's (a whole run: its median). */
  netMs: number;
}

export interface PieceProfile {
  roundTripMs: number;
  rows: PieceRow[];
  /** The fused pieces' net milliseconds, summed. */
  fusedMs: number;
  /** library ÷ (`fusedMs` + one round trip). */
  bound: number;
}

/** A piece: `programs` dispatches of one kind, on fixed inputs; `make` returns the last output. */
interface Piece {
  name: string;
  of: 'fused' | 'floor';
  programs: number;
  inputs: string | null;
  make: () => tf.Tensor;
}

/** The first element of `t`, by one program over one texel: a read-back of four bytes. */
class CornerProgram implements GPGPUProgram {
  variableNames = ['A'];
  packedInputs = true;
  outputShape = [1];
  userCode: string;
  constructor(rank: number) {
    this.userCode = `void main() { setOutput(getA(${Array(rank).fill('0').join(', ')}).x); }`;
  }
}

async function readCorner(t: tf.Tensor): Promise<void> {
  const corner = run(new CornerProgram(t.rank), [t]);
  try {
    await corner.data();
  } finally {
    corner.dispose();
  }
}

/** `count` calls of `once`, each output freed but the last, which is returned. */
function repeat(count: number, once: () => tf.Tensor): tf.Tensor {
  let out = once();
  for (let k = 1; k < count; k++) {
    out.dispose();
    out = once();
  }
  return out;
}

function piecesOf(s: BenchSize, op: BenchOp, keep: tf.Tensor[]): Piece[] {
  const { batch: B, time: T, features: F, units: u } = s;
  const held = <X extends tf.Tensor>(x: X): X => {
    keep.push(x);
    return x;
  };
  const rand = (shape: number[], seed: number) =>
    held(tf.randomUniform(shape, -0.5, 0.5, 'float32', seed));
  const x2 = rand([B * T, F], 1) as tf.Tensor2D;
  const kernel = rand([F, 4 * u], 2) as tf.Tensor2D;
  const recurrent = rand([u, 4 * u], 3) as tf.Tensor2D;
  const bias = rand([4 * u], 4) as tf.Tensor1D;
  const xProj = held(tf.fused.matMul({ a: x2, b: kernel, bias }));
  const h = rand([B, u], 5);
  const state = rand([B, 2 * u], 6);
  const z = rand([B, 4 * u], 7);
  const dz5 = rand([B, 5 * u], 8);
  const dOut = rand([B, u], 9);
  const hInput = u >= H_INPUT_UNITS;
  const training = op === 'train-step';
  const loop = (
    name: string,
    of: Piece['of'],
    count: number,
    once: () => tf.Tensor,
    program?: GPGPUProgram,
  ): Piece => ({
    name,
    of,
    programs: count,
    inputs: program ? program.variableNames.join(',') : null,
    make: () => repeat(count, once),
  });
  // Run for backward, the forward projects every step's input at once; otherwise each step
  // projects its own.
  const pieces: Piece[] = training
    ? [
        loop('input projection x·W + b', 'fused', 1, () =>
          tf.fused.matMul({ a: x2, b: kernel, bias }),
        ),
      ]
    : [];
  // The forward's steps, as webglForward runs them: z kept for backward from H_INPUT_UNITS up
  // when training; otherwise one program a step.
  if (training && hInput) {
    const uT = held(tf.transpose(recurrent));
    const zProgram = new ZProgram(B, u);
    const cell = new CellProgram(B, u);
    pieces.push(
      loop(
        'z programs (forward)',
        'fused',
        T,
        () => run(zProgram, [xProj, uT, h], [[1]]),
        zProgram,
      ),
      loop('cell programs (forward)', 'fused', T, () => run(cell, [z, state]), cell),
    );
  } else {
    const up = held(run(new GatesByUnitProgram(u), [recurrent]));
    const step = new StepProgram(B, u, hInput, training ? null : F);
    const input = training
      ? [xProj]
      : [
          rand([T, B, F], 14),
          held(run(new GatesByUnitProgram(u, F), [kernel])),
          held(tf.reshape(bias, [1, 4 * u])),
        ];
    pieces.push(
      loop(
        training ? 'step programs (forward)' : 'step programs, x·W + b in each (forward)',
        'fused',
        T,
        () => run(step, [...input, up, state, ...(hInput ? [h] : [])], [[1]]),
        step,
      ),
    );
  }
  if (hInput) {
    const take = new TakeStateProgram(B, u, 0, null);
    pieces.push(loop('h copies (forward)', 'fused', T - 1, () => run(take, [state]), take));
  }
  pieces.push(loop('floor: h·U', 'floor', T, () => tf.matMul(h, recurrent)));
  if (!training) return pieces;
  const back = new StepBackProgram(B, T, u, 'last', hInput);
  const dh = new DhProgram(B, u);
  const zIn = hInput ? z : rand([B * T, 4 * u], 10);
  if (!hInput) {
    // The one-program forward kept no z: backward recomputes every step's at once.
    const hStack = rand([B * T, u], 13);
    pieces.push(
      loop('z of every step, recomputed', 'fused', 1, () =>
        tf.fused.matMul({ a: hStack, b: recurrent, bias: xProj }),
      ),
    );
  }
  const hAllT = rand([u, B * T], 11);
  const dzAllT = rand([4 * u, B * T], 12);
  pieces.push(
    loop(
      'step-back programs',
      'fused',
      T,
      () => run(back, [zIn, state, state, dOut, h, dz5], [[1]]),
      back,
    ),
    loop('dz·Uᵀ programs', 'fused', T - 1, () => run(dh, [dz5, recurrent]), dh),
    loop('dU = Hᵀ·dZ', 'fused', 1, () => tf.matMul(hAllT, dzAllT, false, true)),
    loop('floor: dz·Uᵀ', 'floor', T - 1, () => tf.matMul(z, recurrent, false, true)),
    loop('floor: dU', 'floor', 1, () => tf.matMul(hAllT, dzAllT, false, true)),
  );
  return pieces;
}

/** A piece as a workload: its programs, then one texel of the last output read back. */
function pieceWorkload(p: Piece): Workload {
  return {
    run: async () => {
      const out = p.make();
      try {
        await readCorner(out);
      } finally {
        out.dispose();
      }
    },
    dispose: () => {},
  };
}

const WHOLES = ['library', 'fused', 'floor'] as const satisfies readonly BenchImpl[];
const ROUND_TRIP = 'round trip';

/**
 * Medians of `reps` runs of every piece and whole run, taken in turns by the benchmark's own
 * loop (`timeInTurns`: one run of each per round, after two warm-up rounds), so that a drift of
 * the machine's speed touches all alike.
 */
async function timePieces(size: BenchSize, op: BenchOp, reps: number): Promise<PieceProfile> {
  const keep: tf.Tensor[] = [];
  try {
    const pieces = piecesOf(size, op, keep);
    const byName = new Map(pieces.map((p) => [p.name, p]));
    const names = [ROUND_TRIP, ...WHOLES, ...byName.keys()];
    const times = await timeInTurns(
      names,
      (name) =>
        name === ROUND_TRIP
          ? roundTripWorkload()
          : byName.has(name)
            ? pieceWorkload(byName.get(name)!)
            : workloadFor(name as BenchImpl, size, op),
      reps,
    );
    const med = (name: string) => median(times[name]!);
    const roundTripMs = med(ROUND_TRIP);
    const rows: PieceRow[] = [
      ...WHOLES.map((impl) => ({
        name: impl,
        of: 'whole' as const,
        programs: null,
        inputs: null,
        medianMs: med(impl),
        netMs: med(impl),
      })),
      ...pieces.map((p) => ({
        name: p.name,
        of: p.of,
        programs: p.programs,
        inputs: p.inputs,
        medianMs: med(p.name),
        netMs: Math.max(0, med(p.name) - roundTripMs),
      })),
    ];
    const fusedMs = rows.filter((r) => r.of === 'fused').reduce((a, r) => a + r.netMs, 0);
    return { roundTripMs, rows, fusedMs, bound: med('library') / (fusedMs + roundTripMs) };
  } finally {
    tf.dispose(keep);
  }
}

/** `timePieces`, and the tensors it left behind. */
export async function profilePieces(
  size: BenchSize,
  op: BenchOp,
  reps: number,
): Promise<PieceProfile & { leaked: number }> {
  const before = tf.memory().numTensors;
  const profile = await timePieces(size, op, reps);
  return { ...profile, leaked: tf.memory().numTensors - before };
}
