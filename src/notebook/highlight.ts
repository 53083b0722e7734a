/**
 * TypeScript highlighting for the engine's sources, by Lezer: the same parser and tags the code
 * editor uses, so the read-only view and the editor colour code alike. Tokens come out line by
 * line as data (React renders them, no innerHTML), and every name belonging to a gate (i, xI, kI,
 * hPrev, …) wears that gate's colour, as in the equations.
 */
import { highlightCode, tagHighlighter, tags as t } from '@lezer/highlight';
import { parser } from '@lezer/javascript';
import { isGateKey, type GateKey as Gate } from '../lstm/gates';

export type TokenKind = 'comment' | 'string' | 'number' | 'keyword' | 'type' | 'plain' | 'punct';

export type { Gate };

export interface Token {
  kind: TokenKind;
  text: string;
  /** Set when the token names a gate or state, for colouring and cross-highlighting. */
  gate?: Gate;
}

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

/** Lezer tags to this view's token kinds; `name` marks identifiers that may be gates. */
export const tokenClasses = tagHighlighter([
  { tag: t.comment, class: 'comment' },
  { tag: [t.string, t.special(t.string), t.regexp], class: 'string' },
  { tag: t.number, class: 'number' },
  { tag: [t.keyword, t.bool, t.null, t.self, t.modifier, t.operatorKeyword], class: 'keyword' },
  { tag: [t.typeName, t.className, t.namespace], class: 'type' },
  {
    tag: [t.variableName, t.propertyName, t.definition(t.variableName), t.labelName],
    class: 'name',
  },
  { tag: [t.punctuation, t.operator, t.bracket, t.separator], class: 'punct' },
]);

/** The TypeScript dialect of the JavaScript grammar, as the editor configures it. */
const tsParser = parser.configure({ dialect: 'ts' });

const KINDS = new Set<string>(['comment', 'string', 'number', 'keyword', 'type', 'punct']);

/** Tokenize a whole file into lines of tokens; multi-line tokens are split at newlines. */
export function highlight(source: string, options: { gates?: boolean } = {}): Token[][] {
  const lines: Token[][] = [[]];
  const put = (text: string, classes: string) => {
    // The first class Lezer matched decides (a nested tag may add more).
    const cls = classes.split(' ')[0] ?? '';
    const kind: TokenKind = KINDS.has(cls) ? (cls as TokenKind) : 'plain';
    // A type-style name the grammar sees as a value (`LSTMBase`, `Tensor2D` in `tf.Tensor2D`).
    const shown: TokenKind = cls === 'name' && /^[A-Z]/.test(text) ? 'type' : kind;
    const gate = options.gates && cls === 'name' ? gateOf(text) : undefined;
    const line = lines[lines.length - 1]!;
    line.push(gate ? { kind: shown, text, gate } : { kind: shown, text });
  };
  highlightCode(source, tsParser.parse(source), tokenClasses, put, () => lines.push([]));
  return lines;
}
