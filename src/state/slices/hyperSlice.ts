import type { StateCreator } from 'zustand';
import { defaultsFor, type HyperKey, type Hyperparameters, type Profile } from '../hyperparams';
import type { Store } from '../store';

export interface HyperSlice {
  /** Chapters 1–4 share these; chapter 5 has its own (the tutorial trains LSTM(8) on 100 samples). */
  hyper: Record<Profile, Hyperparameters>;
  /** Set one already-validated field. The backend is one machine-wide choice, so it sets both. */
  setHyper: <K extends HyperKey>(profile: Profile, key: K, value: Hyperparameters[K]) => void;
  /** Back to the tutorial's values for this profile (the backend choice stays). */
  resetHyper: (profile: Profile) => void;
  /** Replace a profile from a link: absent fields take the tutorial's values. */
  loadHyper: (profile: Profile, values: Partial<Hyperparameters>) => void;
}

export const createHyperSlice: StateCreator<Store, [], [], HyperSlice> = (set) => ({
  hyper: { forward: defaultsFor('forward'), training: defaultsFor('training') },
  setHyper: (profile, key, value) =>
    set((s) => {
      if (s.hyper[profile][key] === value) return s;
      if (key === 'backend') {
        const backend = value as Hyperparameters['backend'];
        return {
          hyper: {
            forward: { ...s.hyper.forward, backend },
            training: { ...s.hyper.training, backend },
          },
        };
      }
      return { hyper: { ...s.hyper, [profile]: { ...s.hyper[profile], [key]: value } } };
    }),
  resetHyper: (profile) =>
    set((s) => ({
      hyper: {
        ...s.hyper,
        [profile]: { ...defaultsFor(profile), backend: s.hyper[profile].backend },
      },
    })),
  loadHyper: (profile, values) =>
    set((s) => {
      const next = { ...defaultsFor(profile), ...values };
      const other: Profile = profile === 'forward' ? 'training' : 'forward';
      return {
        hyper: {
          ...s.hyper,
          [profile]: next,
          [other]: { ...s.hyper[other], backend: next.backend },
        } as Record<Profile, Hyperparameters>,
      };
    }),
});
