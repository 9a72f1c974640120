import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const WEB_ROOT = fileURLToPath(new URL('./src/web', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('./dist/web', import.meta.url));

/**
 * Inline options (e.g. `build({ root: repoRoot, configFile })` in the server) override this file,
 * so a plugin pins `root` to the web app: index.html lives in src/web, not at the repo root.
 */
function pinRoot(): Plugin {
  return { name: 'ones:pin-root', config: () => ({ root: WEB_ROOT }) };
}

export default defineConfig({
  root: WEB_ROOT,
  plugins: [react(), pinRoot()],
  // One bundle (~200 kB gzipped, mostly Mantine) is fine for a staff app that stays open all day.
  build: { outDir: OUT_DIR, emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/health': 'http://localhost:3000',
      '/ready': 'http://localhost:3000',
    },
  },
});
