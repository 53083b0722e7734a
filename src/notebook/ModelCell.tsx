/**
 * Chapter 5's last cell: what the hand-written model learned (its predictions against the targets,
 * on the training data and on fresh data from the same seed stream), and keeping it: save it in
 * this browser or as two files, load either back, and see that it predicts exactly as before.
 */
import { useCallback, useRef, useState, type ChangeEvent } from 'react';
import { ExportButtons } from '../charts/ExportButtons';
import { downloadBlob } from '../charts/export';
import { PredictionPlot, predictionCsv } from '../charts/PredictionPlot';
import type { PredictionSeries } from '../charts/predictionData';
import { useParentSize } from '../charts/useParentSize';
import type { KeepPlace, KeptModel, Predictions } from '../lstm/train/predictionTypes';
import { codeProblemOf } from '../runtime/edits/problem';
import { request } from '../runtime/host';
import { scratch } from '../runtime/scratch';
import { store, useStore } from '../state/store';
import { Cell } from './Cell';
import { SHARED_TRAIN_EDITS, trainTargetOf } from './trainTarget';
import { describeError, type CellProblem } from './useCell';
import { queryRun, trainingEdits, useWhenSettled } from './useTraining';
import { useEmbedFigure } from './useEmbedView';

const FILES = ['train/keep.ts', 'train/persist.ts'];
const DEPENDS = ['the training run (every pause, step and finish)'];
const WEIGHTS_NAME = 'lstm-notebook-model.weights.bin';

/** What the reader sees of the last save or load. */
type Kept =
  | {
      kind: 'saved';
      to: KeepPlace;
      savedAt: string;
      file?: { modelJson: string; weights: ArrayBuffer };
    }
  | { kind: 'loaded'; result: KeptModel }
  | { kind: 'error'; message: string };

const seriesOf = (p: {
  train: { targets: Float32Array; custom?: Float32Array; predictions?: Float32Array };
  fresh: { targets: Float32Array; custom?: Float32Array; predictions?: Float32Array };
}): PredictionSeries[] => [
  {
    name: 'training data',
    kind: 'train',
    targets: p.train.targets,
    predictions: p.train.custom ?? p.train.predictions!,
  },
  {
    name: 'fresh data',
    kind: 'fresh',
    targets: p.fresh.targets,
    predictions: p.fresh.custom ?? p.fresh.predictions!,
  },
];

function Plot({ series, name }: { series: PredictionSeries[]; name: string }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const { ref, width } = useParentSize<HTMLDivElement>(480, 320);
  const size = Math.min(width, 420);
  return (
    <div className="prediction-plot">
      <ExportButtons
        name={name}
        label="predictions against targets"
        svgRef={svgRef}
        csv={() => predictionCsv(series)}
      />
      <div ref={ref}>
        <PredictionPlot series={series} width={size} height={size} svgRef={svgRef} />
      </div>
    </div>
  );
}

function KeptNote({ kept }: { kept: Kept }) {
  if (kept.kind === 'error') {
    return (
      <p className="bad-text" role="alert" data-testid="keep-error">
        {kept.message}
      </p>
    );
  }
  if (kept.kind === 'saved') {
    const file = kept.file;
    return (
      <div data-testid="keep-saved" data-to={kept.to}>
        <p className="ok-text">
          ✓ Saved {kept.to === 'browser' ? 'in this browser (IndexedDB)' : 'as two files'} at{' '}
          {new Date(kept.savedAt).toLocaleTimeString()}.
          {kept.to === 'file' && ' Download both and keep them together:'}
        </p>
        {file && (
          <div className="train-buttons">
            <button
              type="button"
              onClick={() =>
                downloadBlob('model.json', new Blob([file.modelJson], { type: 'application/json' }))
              }
              data-testid="download-model-json"
            >
              model.json
            </button>
            <button
              type="button"
              onClick={() =>
                downloadBlob(
                  WEIGHTS_NAME,
                  new Blob([file.weights], { type: 'application/octet-stream' }),
                )
              }
              data-testid="download-weights"
            >
              {WEIGHTS_NAME}
            </button>
          </div>
        )}
      </div>
    );
  }
  const r = kept.result;
  const same = r.maxAbsDiff === 0;
  return (
    <div data-testid="keep-loaded" data-diff={r.maxAbsDiff}>
      <p className={same ? 'ok-text' : 'bad-text'}>
        {same ? '✓' : '✗'} Loaded the model saved {new Date(r.savedAt).toLocaleString()} (
        {r.config.units} units, {r.config.epochs} epochs, learning rate {r.config.learningRate}
        ). On its training data it predicts{' '}
        {same
          ? 'exactly what it predicted when it was saved: max |Δ| = 0.'
          : `differently from when it was saved: max |Δ| = ${r.maxAbsDiff.toExponential(2)}.`}
      </p>
      <details>
        <summary>The loaded model’s predictions</summary>
        <Plot series={seriesOf(r)} name="loaded-model-predictions" />
      </details>
    </div>
  );
}

/** Read the two files a download wrote (model.json and the weights), in either order. */
async function readFiles(files: FileList): Promise<{ modelJson: string; weights: ArrayBuffer }> {
  const list = [...files];
  const json = list.find((f) => f.name.endsWith('.json'));
  const bin = list.find((f) => f !== json);
  if (!json || !bin || list.length !== 2) {
    throw new Error('Pick both files together: model.json and its .weights.bin file.');
  }
  return { modelJson: await json.text(), weights: await bin.arrayBuffer() };
}

export function ModelCell({ title, id }: { title: string; id: string }) {
  const [predictions, setPredictions] = useState<Predictions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<CellProblem | null>(null);
  const edited = useStore((s) => s.training.edited);
  const [busy, setBusy] = useState(0);
  const [kept, setKept] = useState<Kept | null>(null);

  const work = useCallback(async (job: () => Promise<void>) => {
    setBusy((n) => n + 1);
    try {
      await job();
    } finally {
      setBusy((n) => n - 1);
    }
  }, []);

  const predict = useCallback(
    () =>
      void work(async () => {
        try {
          const reply = await queryRun({ kind: 'train.predict' });
          setPredictions(reply.result);
          setError(null);
          setProblem(null);
        } catch (e) {
          setError(describeError(e));
          setProblem(codeProblemOf(e) ?? null);
        }
      }),
    [work],
  );

  useWhenSettled(predict, []);
  const figure = useEmbedFigure();

  const save = (to: KeepPlace) =>
    void work(async () => {
      try {
        const r = await queryRun({ kind: 'train.save', to });
        setKept({ kind: 'saved', to, savedAt: r.savedAt, ...(r.file ? { file: r.file } : {}) });
      } catch (e) {
        setKept({ kind: 'error', message: `Saving failed: ${describeError(e)}` });
      }
    });

  const load = (from: KeepPlace, file?: { modelJson: string; weights: ArrayBuffer }) =>
    void work(async () => {
      try {
        const { backend } = trainTargetOf(store.getState().hyper.training);
        const ask = { kind: 'model.load', backend, from, ...(file ? { file } : {}) } as const;
        // With the run's edits in force, the layer the model is loaded with is the reader's own.
        const edits = trainingEdits();
        const r = edits
          ? await scratch.client().call({ ...ask, edits })
          : await request(backend, ask);
        setKept({ kind: 'loaded', result: r.result });
      } catch (e) {
        setKept({ kind: 'error', message: `Loading failed: ${describeError(e)}` });
      }
    });

  const onFiles = (e: ChangeEvent<HTMLInputElement>) => {
    const files = e.target.files;
    if (!files) return;
    void readFiles(files).then(
      (file) => load('file', file),
      (err: unknown) => setKept({ kind: 'error', message: describeError(err) }),
    );
    e.target.value = '';
  };

  return (
    <Cell
      title={title}
      id={id}
      files={FILES}
      status={busy > 0 ? 'running' : error ? 'error' : predictions ? 'done' : 'idle'}
      ms={null}
      error={error}
      depends={DEPENDS}
      onRun={predict}
      editable
      editAs={SHARED_TRAIN_EDITS}
      edited={edited}
      problem={problem}
    >
      {predictions && figure === 'predictions' && (
        <Plot series={seriesOf(predictions)} name="model-predictions" />
      )}
      {!figure && predictions && (
        <div data-testid="predictions" data-trained={predictions.trained}>
          <p className="muted">
            The hand-written model after {predictions.trained} update
            {predictions.trained === 1 ? '' : 's'}: each dot is one sample, its target across and
            the prediction up. On the diagonal the model would be perfect; on the flat line it would
            predict the training mean for everything.
          </p>
          <Plot series={seriesOf(predictions)} name="model-predictions" />
        </div>
      )}
      {!figure && (
        <div className="train-buttons keep-buttons">
          <button type="button" onClick={() => save('browser')} data-testid="save-browser">
            Save in this browser
          </button>
          <button type="button" onClick={() => save('file')} data-testid="save-file">
            Save as files
          </button>
          <button type="button" onClick={() => load('browser')} data-testid="load-browser">
            Load from this browser
          </button>
          <label className="file-button">
            Load files…
            <input
              className="visually-hidden"
              type="file"
              multiple
              accept=".json,.bin"
              onChange={onFiles}
              data-testid="load-files"
            />
          </label>
        </div>
      )}
      {!figure && kept && <KeptNote kept={kept} />}
    </Cell>
  );
}
