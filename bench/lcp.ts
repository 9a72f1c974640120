import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * Lighthouse's default mobile run ("Slow 4G" on a moto g power), applied the way Lighthouse applies
 * it with `throttlingMethod: 'devtools'` (core/config/constants.js, core/lib/emulation.js): request
 * latency = 150 ms RTT × 3.75, throughput = 1.6 Mbps / 750 kbps × 0.9, the CPU 4× slower.
 */
export const MOBILE_SLOW_4G = {
  latencyMs: 150 * 3.75,
  downloadKbps: 1.6 * 1024 * 0.9,
  uploadKbps: 750 * 0.9,
  cpuSlowdown: 4,
} as const;

const MOTO_G_POWER = { width: 412, height: 823, deviceScaleFactor: 1.75 } as const;
const MOTO_G_POWER_UA =
  'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/CHROME Mobile Safari/537.36';

/** DevTools takes throughput in bytes per second; Lighthouse floors kbps × 1024 / 8. */
const bytesPerSecond = (kbps: number) => Math.floor((kbps * 1024) / 8);

export interface LcpRun {
  /** Largest Contentful Paint, ms from the start of navigation. */
  ms: number;
  /** The tag of the element painted last as largest, e.g. `h1`. */
  element: string;
  /** First Contentful Paint, ms from the start of navigation. */
  fcpMs: number;
  /** Bytes received for the page and everything it fetched until then, headers included. */
  transferBytes: number;
}

export interface LcpPage {
  /** Sets up what the page needs before the measured load (signing in, data), through `context.request`. */
  prepare(context: BrowserContext): Promise<string>;
  /** Resolves once the page shows what it is for. */
  ready(page: Page): Promise<void>;
}

/**
 * One cold load of the path `target.prepare` returns, in a fresh browser context (no cache, no
 * cookies but those `prepare` sets, service workers blocked so no cached shell helps) emulating a
 * moto g power on Slow 4G with the CPU slowed 4×. Waits until the page is ready and the network
 * idle, then reads the last `largest-contentful-paint` entry (and FCP and the bytes received, to
 * tell the network's share from the CPU's).
 */
export async function coldLcp(browser: Browser, baseURL: string, target: LcpPage): Promise<LcpRun> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: MOTO_G_POWER.width, height: MOTO_G_POWER.height },
    deviceScaleFactor: MOTO_G_POWER.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
    // Lighthouse puts the host browser's major version into its moto g power user agent.
    userAgent: MOTO_G_POWER_UA.replace('CHROME', `${browser.version().split('.')[0]}.0.0.0`),
    serviceWorkers: 'block',
  });
  try {
    const path = await target.prepare(context);
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: MOBILE_SLOW_4G.latencyMs,
      downloadThroughput: bytesPerSecond(MOBILE_SLOW_4G.downloadKbps),
      uploadThroughput: bytesPerSecond(MOBILE_SLOW_4G.uploadKbps),
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE_SLOW_4G.cpuSlowdown });
    await page.goto(path, { waitUntil: 'load' });
    await target.ready(page).catch((err: Error) => {
      throw new Error(`${path} was not ready under throttling (the page is at ${page.url()}): ${err.message}`);
    });
    await page.waitForLoadState('networkidle');
    const last = await page.evaluate(
      () =>
        new Promise<LcpRun | null>((resolve) => {
          const fcpMs = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
          const transferBytes = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].reduce(
            (sum, e) => sum + (e as PerformanceResourceTiming).transferSize,
            0,
          );
          // Buffered entries arrive in one first callback; none at all means nothing was painted.
          const observer = new PerformanceObserver((list) => {
            const entries = list.getEntries() as (PerformanceEntry & { element?: Element | null })[];
            const entry = entries[entries.length - 1];
            observer.disconnect();
            resolve(
              entry ? { ms: entry.startTime, element: entry.element?.tagName.toLowerCase() ?? 'removed', fcpMs, transferBytes } : null,
            );
          });
          observer.observe({ type: 'largest-contentful-paint', buffered: true });
          setTimeout(() => resolve(null), 5_000);
        }),
    );
    if (!last) throw new Error(`No largest-contentful-paint entry for ${path}: the page painted no content.`);
    return last;
  } finally {
    await context.close();
  }
}
