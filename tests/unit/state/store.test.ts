import { beforeEach, describe, expect, it } from 'vitest';
import {
  FORWARD_DEFAULTS,
  TRAINING_DEFAULTS,
  isTutorialSetting,
} from '../../../src/state/hyperparams';
import type { BiasInitName } from '../../../src/lstm/experimentTypes';
import { TUTORIAL_OPTIONS, isTutorialOptions } from '../../../src/state/slices/optionsSlice';
import { store } from '../../../src/state/store';

const initial = store.getState();

describe('store', () => {
  beforeEach(() => store.setState(initial, true));

  it('starts at the tutorial values of each profile', () => {
    const { hyper, options } = store.getState();
    expect(hyper.forward).toEqual(FORWARD_DEFAULTS);
    expect(hyper.training).toEqual(TRAINING_DEFAULTS);
    expect(hyper.training.units).toBe(8);
    expect(hyper.training.samples).toBe(100);
    expect(options).toEqual(TUTORIAL_OPTIONS);
    expect(isTutorialOptions(options)).toBe(true);
  });

  it('keeps the two profiles apart, except for the backend', () => {
    const s = store.getState();
    s.setHyper('forward', 'units', 64);
    s.setHyper('training', 'backend', 'cpu');
    const { hyper } = store.getState();
    expect(hyper.forward.units).toBe(64);
    expect(hyper.training.units).toBe(8);
    expect(hyper.forward.backend).toBe('cpu');
    expect(hyper.training.backend).toBe('cpu');
  });

  it('resets a profile to the tutorial but keeps the chosen backend', () => {
    const s = store.getState();
    s.setHyper('forward', 'units', 64);
    s.setHyper('forward', 'backend', 'cpu');
    s.resetHyper('forward');
    expect(store.getState().hyper.forward).toEqual({ ...FORWARD_DEFAULTS, backend: 'cpu' });
  });

  it('loads a link: given fields win, absent ones take the tutorial values', () => {
    const s = store.getState();
    s.setHyper('forward', 'seed', 7);
    s.loadHyper('forward', { units: 4, backend: 'cpu' });
    const { hyper } = store.getState();
    expect(hyper.forward).toEqual({ ...FORWARD_DEFAULTS, units: 4, backend: 'cpu' });
    expect(hyper.training.backend).toBe('cpu');
  });

  it('only calls the tutorial setting tutorial when every used field matches', () => {
    expect(isTutorialSetting({ ...FORWARD_DEFAULTS }, 'forward')).toBe(true);
    expect(isTutorialSetting({ ...FORWARD_DEFAULTS, backend: 'cpu' }, 'forward')).toBe(true);
    expect(isTutorialSetting({ ...FORWARD_DEFAULTS, lr: 0.5 }, 'forward')).toBe(true);
    expect(isTutorialSetting({ ...FORWARD_DEFAULTS, units: 31 }, 'forward')).toBe(false);
    expect(isTutorialSetting({ ...TRAINING_DEFAULTS, lr: 0.5 }, 'training')).toBe(false);
  });

  it('caps notices so a bad link cannot bury the page', () => {
    store.getState().addNotices(Array.from({ length: 20 }, (_, k) => `n${k}`));
    expect(store.getState().notices.map((n) => n.text)).toEqual([
      'n14',
      'n15',
      'n16',
      'n17',
      'n18',
      'n19',
    ]);
  });

  it('takes any bias initializer from the bias list, and refuses orthogonal with a notice', () => {
    const s = store.getState();
    s.setOption('biasInitializer', 'ones');
    expect(store.getState().options.biasInitializer).toBe('ones');
    expect(store.getState().notices).toEqual([]);
    // What a select or a stale caller could still hand over, whatever the types say.
    s.setOption('biasInitializer', 'orthogonal' as BiasInitName);
    const after = store.getState();
    expect(after.options.biasInitializer).toBe('ones');
    expect(after.notices.map((n) => n.text)).toEqual([
      'Kept biasInitializer at ones: a bias cannot be orthogonal; pick one of glorotUniform, ' +
        'zeros, ones, randomUniform, randomNormal.',
    ]);
    // The kernels keep orthogonal.
    s.setOption('kernelInitializer', 'orthogonal');
    expect(store.getState().options.kernelInitializer).toBe('orthogonal');
  });
});
