import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const WEB_ROOT = fileURLToPath(new URL('./src/web', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('./dist/web', import.meta.url));
/** The server's build of the app (src/web/entry-server.tsx), which renders a screen's first view into its HTML. */
export const SERVER_ENTRY = 'entry-server';
const SERVICE_WORKER = 'sw.js';
const SHELL_PLACEHOLDER = '__ONES_SHELL__';

/**
 * Inline options (e.g. `build({ root: repoRoot, configFile })` in the server) override this file,
 * so a plugin pins `root` to the web app: index.html lives in src/web, not at the repo root.
 */
function pinRoot(): Plugin {
  return { name: 'ones:pin-root', config: () => ({ root: WEB_ROOT }) };
}

/**
 * Writes into the built service worker (src/web/sw.ts) the files of the app shell and a version
 * drawn from them, so each build keeps its own cache and the worker changes whenever the app does.
 */
function serviceWorkerShell(): Plugin {
  let base = '/';
  return {
    name: 'ones:service-worker-shell',
    apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
    enforce: 'post',
    configResolved(config) {
      base = config.base;
    },
    generateBundle(_options, bundle) {
      const worker = bundle[SERVICE_WORKER];
      if (worker?.type !== 'chunk') throw new Error(`The build has no ${SERVICE_WORKER} entry to write the app shell into.`);
      const files = Object.keys(bundle)
        .filter((name) => name !== SERVICE_WORKER && !name.endsWith('.map'))
        .sort();
      if (!files.includes('index.html')) throw new Error('The build has no index.html for the service worker to keep.');
      const hash = createHash('sha256').update(worker.code);
      for (const name of files) {
        const file = bundle[name];
        hash.update(name).update(file?.type === 'chunk' ? file.code : (file?.source ?? ''));
      }
      const shell = { version: hash.digest('hex').slice(0, 16), index: `${base}index.html`, files: files.map((name) => `${base}${name}`) };
      const parts = worker.code.split(SHELL_PLACEHOLDER);
      if (parts.length !== 2) throw new Error(`${SERVICE_WORKER} should name ${SHELL_PLACEHOLDER} once, not ${parts.length - 1} times.`);
      worker.code = parts.join(`(${JSON.stringify(shell)})`);
    },
  };
}

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Writes a Brotli and a gzip copy beside each text file of the build, which the server sends to
 * browsers that accept them (@fastify/static `preCompressed`): the app is about a quarter of its
 * size on the wire, which is most of how long a tablet on poor Wi-Fi waits for the first screen.
 */
function precompress(): Plugin {
  return {
    name: 'ones:precompress',
    apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
    async writeBundle(options, bundle) {
      const dir = options.dir ?? OUT_DIR;
      const names = Object.keys(bundle).filter((name) => /\.(js|css|html|svg|json)$/.test(name));
      await Promise.all(
        names.map(async (name) => {
          const file = join(dir, name);
          const body = await readFile(file);
          if (body.length < 1024) return;
          await writeFile(`${file}.br`, await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
          await writeFile(`${file}.gz`, await gz(body, { level: 9 }));
        }),
      );
    },
  };
}

export default defineConfig(({ isSsrBuild }) => ({
  root: WEB_ROOT,
  plugins: [react(), pinRoot(), serviceWorkerShell(), precompress()],
  // The server's build: one file with React, Mantine and the rest inside, quick for Node to load.
  ssr: { noExternal: true, target: 'node' },
  // …with React's production build inside, as in the browser, whatever NODE_ENV the server runs under.
  define: isSsrBuild ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  build: isSsrBuild
    ? { ssr: true, outDir: `${OUT_DIR}-server`, emptyOutDir: true, rolldownOptions: { input: `${WEB_ROOT}/${SERVER_ENTRY}.tsx` } }
    : {
        outDir: OUT_DIR,
        emptyOutDir: true,
        // One bundle (~330 kB gzipped, mostly Mantine and React) for a staff app that stays open all day.
        chunkSizeWarningLimit: 1000,
        rolldownOptions: {
          // The service worker is an entry of its own at a fixed address: its scope is the whole app.
          input: { index: `${WEB_ROOT}/index.html`, sw: `${WEB_ROOT}/sw.ts` },
          output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? SERVICE_WORKER : 'assets/[name]-[hash].js') },
        },
      },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/health': 'http://localhost:3000',
      '/ready': 'http://localhost:3000',
    },
  },
}));
