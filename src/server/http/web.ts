import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FirstViewQueries } from '../../web/first-view.ts';
import { FIRST_VIEW_ID } from '../../web/first-view.ts';
import type { Config } from '../config.ts';
import { AppError } from './errors.ts';

/** Where the server's build of the web app is (vite.config.ts builds it beside the app). */
export const serverEntryPath = (webDir: string) => join(`${webDir}-server`, 'entry-server.js');

/** src/web/entry-server.tsx, as built. */
interface ServerEntry {
  firstViewReads(url: string): { key: readonly unknown[]; path: string }[];
  renderFirstView(url: string, queries: FirstViewQueries): string;
}

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Serves the built web app from config.webDir when asked and it is built (otherwise only the API answers): its files, index.html for every other page, and the
 * visit screen's first view rendered into its HTML (src/web/first-view.ts), so a tablet on poor
 * Wi-Fi shows the visit before the app's script has arrived.
 */
export async function registerWeb(app: FastifyInstance, config: Config, opts: { serve: boolean }): Promise<void> {
  const web = opts.serve && existsSync(join(config.webDir, 'index.html'));
  if (web) {
    await app.register(fastifyStatic, {
      root: config.webDir,
      wildcard: false,
      index: false,
      // The build's Brotli and gzip copies, to browsers that take them (see vite.config.ts).
      preCompressed: true,
      // The service worker decides which build a device keeps: caches in between must always ask again.
      // Hashed assets never change under their name: kept a year.
      setHeaders: (reply, path) => {
        if (path.startsWith(join(config.webDir, 'sw.js'))) reply.header('cache-control', 'no-cache');
        else if (path.startsWith(join(config.webDir, 'assets'))) reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  const firstView = web ? firstViews(app, config) : null;
  app.setNotFoundHandler(async (request, reply) => {
    // The web app routes in the browser: any other GET that wants HTML gets index.html, with the
    // page's first view in it when the page has one.
    if (firstView && wantsHtml(request) && !request.url.startsWith('/api/')) {
      const html = await firstView(request);
      return html ? sendHtml(request, reply, html) : shell(reply);
    }
    throw new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}.`);
  });
}

const ROOT = '<div id="root"></div>';

const wantsHtml = (request: FastifyRequest) => request.method === 'GET' && !!request.headers.accept?.includes('text/html');

const shell = (reply: FastifyReply) => reply.type('text/html').sendFile('index.html');

/**
 * Renders the page for the person asking: reads what it shows through the API itself, with the
 * request's own cookies (so sign-in, roles, the tenant and the audit log apply as to any read), and
 * renders the app with those answers. Null when any read is refused or fails, or the server build
 * is missing: the browser then gets the app's shell and reads the data itself, as on any page.
 */
function firstViews(app: FastifyInstance, config: Config) {
  const template = firstViewTemplate(config.webDir);
  let entry: Promise<ServerEntry | null> | undefined;
  const load = () => {
    entry ??= import(pathToFileURL(serverEntryPath(config.webDir)).href).then(
      (module: ServerEntry) => module,
      (err: unknown) => {
        app.log.warn({ err }, 'the server build of the web app could not be loaded: pages are rendered in the browser only');
        return null;
      },
    );
    return entry;
  };

  return async (request: FastifyRequest): Promise<string | null> => {
    const cookie = request.headers.cookie;
    if (!cookie) return null;
    const server = await load();
    const reads = server?.firstViewReads(request.url) ?? [];
    if (!server || reads.length === 0) return null;
    const answers = await Promise.all(
      reads.map(({ path }) =>
        app.inject({ method: 'GET', url: path, headers: { cookie, accept: 'application/json' }, remoteAddress: request.ip }),
      ),
    );
    if (answers.some((a) => a.statusCode !== 200)) return null;
    const queries: FirstViewQueries = reads.map(({ key }, i) => [key, answers[i]?.json()]);
    try {
      const markup = server.renderFirstView(request.url, queries);
      const data = JSON.stringify(queries).replace(/</g, '\\u003c');
      return template.replace(ROOT, `<div id="root">${markup}</div><script type="application/json" id="${FIRST_VIEW_ID}">${data}</script>`);
    } catch (err) {
      request.log.error({ err }, 'the first view could not be rendered: the browser renders the page');
      return null;
    }
  };
}

/**
 * The app's index.html made for pages rendered on the server: the stylesheet inside it rather than
 * linked (one round trip less before the first paint, on a connection where each costs half a
 * second), and the script after the content, so the page's own bytes come first.
 */
function firstViewTemplate(webDir: string): string {
  let html = readFileSync(join(webDir, 'index.html'), 'utf8');
  if (!html.includes(ROOT)) throw new Error(`${webDir}/index.html has no empty #root element.`);
  html = html.replace(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g, (link, file: string) => {
    const css = readFileSync(join(webDir, file), 'utf8');
    return css.includes('</') ? link : `<style>${css}</style>`;
  });
  const scripts: string[] = [];
  html = html.replace(/\s*<script type="module"[^>]*><\/script>/g, (script) => {
    scripts.push(script.trim());
    return '';
  });
  return html.replace('</body>', `${scripts.join('')}</body>`);
}

/** Personal pages are never kept by a cache; compressed for the browser as the build's own files are. */
async function sendHtml(request: FastifyRequest, reply: FastifyReply, html: string) {
  reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('vary', 'accept-encoding');
  const accepts = String(request.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepts))
    return reply.header('content-encoding', 'br').send(await brotli(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }));
  if (/\bgzip\b/.test(accepts)) return reply.header('content-encoding', 'gzip').send(await gz(html));
  return reply.send(html);
}
