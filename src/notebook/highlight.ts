/**
 * A small TypeScript highlighter, enough for the engine's own sources: comments, strings, numbers,
 * keywords, types and the gate names. Hand-written rather than a library so that tokens come out
 * line by line as data (React renders them, no innerHTML) and so that every name belonging to a
 * gate (i, xI, kI, …) can wear that gate's colour, as in the equations.
 */
export type TokenKind = 'comment' | 'string' | 'number' | 'keyword' | 'type' | 'plain' | 'punct';
import { isGateKey, type GateKey as Gate } from '../lstm/gates';

export type { Gate };

export interface Token {
  kind: TokenKind;
  text: string;
  /** Set when the token names a gate or state, for colouring and later cross-highlighting. */
  gate?: Gate;
}

const KEYWORDS = new Set(
  (
    'abstract as async await break case catch class const constructor continue declare default ' +
    'delete do else enum export extends false finally for from function get if implements import ' +
    'in instanceof interface keyof let new null of override private protected public readonly ' +
    'return set static super switch this throw true try type typeof undefined var void while yield'
  ).split(' '),
);

/** `xI`, `kF`, `rG`, `bO`: the per-gate projections, kernels and biases of the cell. */
const GATE_SUFFIX = /^[a-z]([IFGO])$/;
/** `hPrev`, `cPrev`, `hSeq`, `cSeq`, `h0`, `c0`: the two states under other names. */
const STATE_PREFIX = /^([hc])(Prev|Seq|0|T|s)$/;

export function gateOf(name: string): Gate | undefined {
  if (isGateKey(name)) return name;
  const suffix = GATE_SUFFIX.exec(name);
  if (suffix?.[1]) return suffix[1].toLowerCase() as Gate;
  const state = STATE_PREFIX.exec(name);
  if (state?.[1]) return state[1] as Gate;
  return undefined;
}

// One alternation, tried left to right at each position; the sticky flag keeps it anchored.
const RULES: [TokenKind | 'ident' | 'space', RegExp][] = [
  ['space', /\s+/y],
  ['comment', /\/\/[^\n]*|\/\*[\s\S]*?(\*\/|$)/y],
  ['string', /'(\\.|[^'\\\n])*'?|"(\\.|[^"\\\n])*"?|`(\\[\s\S]|[^`\\])*`?/y],
  ['number', /(0[xX][\da-fA-F_]+|\d[\d_]*(\.\d+)?([eE][+-]?\d+)?n?)/y],
  ['ident', /[A-Za-z_$][\w$]*/y],
  ['punct', /[^\sA-Za-z_$\d'"`/]+|\//y],
];

/** Tokenize a whole file into lines of tokens. Multi-line tokens are split at newlines. */
export function highlight(source: string, options: { gates?: boolean } = {}): Token[][] {
  const lines: Token[][] = [[]];
  const push = (kind: TokenKind, text: string, gate?: Gate) => {
    const parts = text.split('\n');
    parts.forEach((part, k) => {
      if (k > 0) lines.push([]);
      if (part)
        lines[lines.length - 1]!.push(gate ? { kind, text: part, gate } : { kind, text: part });
    });
  };
  let pos = 0;
  while (pos < source.length) {
    let matched = false;
    for (const [kind, re] of RULES) {
      re.lastIndex = pos;
      const m = re.exec(source);
      if (!m || m[0].length === 0) continue;
      const text = m[0];
      if (kind === 'space') push('plain', text);
      else if (kind === 'ident') {
        const gate = options.gates ? gateOf(text) : undefined;
        if (KEYWORDS.has(text)) push('keyword', text);
        else if (/^[A-Z]/.test(text)) push('type', text);
        else push('plain', text, gate);
      } else push(kind, text);
      pos += text.length;
      matched = true;
      break;
    }
    if (!matched) push('plain', source[pos++]!);
  }
  return lines;
}
