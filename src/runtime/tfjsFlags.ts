/**
 * The tfjs flags a link may set, for seeing how the notebook behaves on other hardware:
 * `index.html?tfjsflags=WEBGL_FORCE_F16_TEXTURES:true#/simple-lstm` computes in half precision,
 * as a GPU without float32 textures does. tfjs reads `tfjsflags` on the page itself; the engine
 * worker cannot see the page's address, so the page hands the flags over in the worker's name.
 * Only flags on this list pass, and only with a value of their type.
 */

/** The flags a link may set, each with what it is for. */
export const LINK_FLAGS = {
  /** Store every texture in float16, as GPUs without float32 render targets must. */
  WEBGL_FORCE_F16_TEXTURES: 'boolean',
} as const;

export type LinkFlags = Partial<Record<keyof typeof LINK_FLAGS, boolean>>;

const known = (name: string): name is keyof typeof LINK_FLAGS => Object.hasOwn(LINK_FLAGS, name);

/** The allowed flags in a `tfjsflags=NAME:value,NAME:value` query; anything else is dropped. */
export function flagsFromSearch(search: string): LinkFlags {
  const raw = new URLSearchParams(search).get('tfjsflags');
  const flags: LinkFlags = {};
  for (const pair of raw?.split(',') ?? []) {
    const [name = '', value = ''] = pair.split(':');
    if (known(name) && (value === 'true' || value === 'false')) flags[name] = value === 'true';
  }
  return flags;
}

const PREFIX = 'lstm-engine';

/** The worker's name, carrying the flags (`lstm-engine` alone when there are none). */
export function workerName(flags: LinkFlags): string {
  return Object.keys(flags).length ? `${PREFIX} ${JSON.stringify(flags)}` : PREFIX;
}

/** The flags a worker was named with; a name it did not get from `workerName` gives none. */
export function flagsFromName(name: string): LinkFlags {
  if (!name.startsWith(`${PREFIX} `)) return {};
  try {
    const parsed: unknown = JSON.parse(name.slice(PREFIX.length + 1));
    if (typeof parsed !== 'object' || parsed === null) return {};
    const flags: LinkFlags = {};
    for (const [k, v] of Object.entries(parsed))
      if (known(k) && typeof v === 'boolean') flags[k] = v;
    return flags;
  } catch {
    return {};
  }
}

/** Set `flags` in a tfjs environment, before any backend starts. */
export function applyFlags(env: { set: (name: string, value: boolean) => void }, flags: LinkFlags) {
  for (const [name, value] of Object.entries(flags)) env.set(name, value);
}
