import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Paths asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

export interface StaticOptions {
  /** Folders served under URL prefixes, e.g. `{ '/sub/notebook/': 'dist' }`. */
  mounts?: Record<string, string>;
  /** Fixed bodies at exact paths, served as their extension says. */
  pages?: Record<string, string | (() => Promise<string>)>;
  /** `Access-Control-Allow-Origin: *` on every response, as GitHub Pages sends it. */
  cors?: boolean;
}

/** A static file server on loopback: a site under a sub-path, as a plain host would serve it. */
export async function serveStatic(options: StaticOptions): Promise<StaticServer> {
  const requests: string[] = [];
  const mounts = Object.entries(options.mounts ?? {});
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const headers: Record<string, string> = { 'Cache-Control': 'no-cache' };
    if (options.cors) headers['Access-Control-Allow-Origin'] = '*';
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { ...headers, 'Content-Type': type });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      const page = options.pages?.[path];
      if (page !== undefined) {
        const body = typeof page === 'string' ? page : await page();
        return send(200, body, TYPES[extname(path)] ?? 'text/plain');
      }
      for (const [prefix, dir] of mounts) {
        if (`${path}/` === prefix) {
          res.writeHead(301, { ...headers, Location: prefix });
          return res.end();
        }
        if (!path.startsWith(prefix)) continue;
        let rel = path.slice(prefix.length);
        if (rel === '' || rel.endsWith('/')) rel += 'index.html';
        const file = normalize(join(dir, rel));
        if (!file.startsWith(normalize(dir) + sep)) return send(403, 'Forbidden');
        const body = await readFile(file);
        return send(200, body, TYPES[extname(file)] ?? 'application/octet-stream');
      }
      send(404, 'Not found');
    } catch {
      send(404, 'Not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The static server did not start.');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
