import { describe, expect, it } from 'vitest';
import { precacheList, precacheVersion } from '../../../scripts/embedKit';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('precacheList', () => {
  it('keeps the page, worker, chunks, css, wasm, embed.js and examples, sorted', () => {
    const files = [
      'index.html',
      'embed.js',
      'assets/main-C5UfNPTq.js',
      'assets/worker-uR1HYrM4.js',
      'assets/main-B6pplcHC.css',
      'assets/tfjs-backend-wasm-simd-AbCdEf12.wasm',
      'examples/iframe.html',
      'favicon.svg',
    ];
    expect(precacheList(files)).toEqual([...files].sort());
  });

  it('leaves out the manifest, the service worker itself and source maps', () => {
    expect(
      precacheList(['.vite/manifest.json', 'sw.js', 'assets/main-C5UfNPTq.js.map', 'index.html']),
    ).toEqual(['index.html']);
  });

  it('leaves out a font’s woff and ttf when its woff2 is there, and keeps them when not', () => {
    expect(
      precacheList([
        'assets/KaTeX_Main-Bold-Cx986IdX.woff2',
        'assets/KaTeX_Main-Bold-Jm3AIy58.woff',
        'assets/KaTeX_Main-Bold-waoOVXN0.ttf',
        // Its woff2 was inlined into the CSS: the others are all there is on disk.
        'assets/KaTeX_Size3-Regular-CTq5MqoE.woff',
        'assets/KaTeX_Size3-Regular-DgpXs0kz.ttf',
        // Hashes may contain `-` and `_`.
        'assets/KaTeX_Caligraphic-Regular-Di6jR-x-.woff2',
        'assets/KaTeX_Caligraphic-Regular-CTRA-rTL.woff',
      ]),
    ).toEqual([
      'assets/KaTeX_Caligraphic-Regular-Di6jR-x-.woff2',
      'assets/KaTeX_Main-Bold-Cx986IdX.woff2',
      'assets/KaTeX_Size3-Regular-CTq5MqoE.woff',
      'assets/KaTeX_Size3-Regular-DgpXs0kz.ttf',
    ]);
  });
});

describe('precacheVersion', () => {
  const files = [
    { path: 'index.html', bytes: bytes('<html>') },
    { path: 'embed.js', bytes: bytes('export {}') },
  ];

  it('is a short hex hash that ignores order', () => {
    const v = precacheVersion(files);
    expect(v).toMatch(/^[0-9a-f]{16}$/);
    expect(precacheVersion([...files].reverse())).toBe(v);
  });

  it('changes with any file’s content or name', () => {
    const v = precacheVersion(files);
    expect(precacheVersion([files[0]!, { path: 'embed.js', bytes: bytes('export {};') }])).not.toBe(
      v,
    );
    expect(precacheVersion([files[0]!, { path: 'embed2.js', bytes: files[1]!.bytes }])).not.toBe(v);
    // Names and contents cannot trade characters.
    expect(precacheVersion([{ path: 'a', bytes: bytes('bc') }])).not.toBe(
      precacheVersion([{ path: 'ab', bytes: bytes('c') }]),
    );
  });
});
