import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

const SAMPLE_DIR = path.resolve('sample-data');

/** Where the app fetches the sample exports: one zip of sample-data/, manifest included. */
const SAMPLE_ZIP = 'sample-data/sample.zip';

/** sample-data/ as one zip (the CSVs compress; the .xlsx files already are). */
function sampleZip(): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const name of fs.readdirSync(SAMPLE_DIR).sort())
    files[name] = new Uint8Array(fs.readFileSync(path.join(SAMPLE_DIR, name)));
  return zipSync(files, { level: 6 });
}

/**
 * Serves the sample exports as one zip at /sample-data/sample.zip in development and writes it into the
 * build. It is fetched when the seller asks for the sample, never precached: a first visit does not download
 * 16 MB of somebody else's shop.
 */
function sampleData(): Plugin {
  let zip: Uint8Array | null = null;
  return {
    name: 'toko-sample-data',
    configureServer(server) {
      server.middlewares.use(`/${SAMPLE_ZIP}`, (_req, res) => {
        zip ??= sampleZip();
        res.setHeader('Content-Type', 'application/zip');
        res.end(Buffer.from(zip));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: SAMPLE_ZIP, source: sampleZip() });
    },
  };
}

/**
 * The Content-Security-Policy of the built app: every connection goes to our own origin only. wasm needs
 * 'wasm-unsafe-eval'; styles allow inline attributes (Solid and uPlot set them). Not applied in development,
 * where Vite's client needs inline scripts.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types default',
].join('; ');

/**
 * Collects the HTML of every Solid template in the build (Solid parses each with innerHTML) and writes the
 * list into the bundle, for the Trusted Types policy of src/app/trustedTypes.ts: no other HTML may be parsed.
 */
function solidTemplates(): Plugin {
  const found = new Set<string>();
  const call = /(?:_\$template|\/\*#__PURE__\*\/template)\(`((?:[^`\\]|\\.)*)`/g;
  return {
    name: 'toko-solid-templates',
    apply: 'build',
    enforce: 'post',
    transform(code) {
      for (const m of code.matchAll(call)) {
        if (m[1].includes('${')) this.error(`a Solid template with an interpolation: ${m[1]}`);
        // The literal's value, escapes resolved, is what Solid hands to innerHTML.
        found.add(new Function(`return \`${m[1]}\`;`)() as string);
      }
      return null;
    },
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.code.includes('__SOLID_TEMPLATES__')) {
          chunk.code = chunk.code.replaceAll('__SOLID_TEMPLATES__', JSON.stringify([...found]));
        }
      }
    },
  };
}

function contentSecurityPolicy(): Plugin {
  return {
    name: 'toko-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      ),
  };
}

export default defineConfig({
  plugins: [
    solid(),
    solidTemplates(),
    sampleData(),
    contentSecurityPolicy(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      injectRegister: false,
      filename: 'sw.js',
      includeAssets: ['icons/*.png'],
      manifest: {
        name: 'Toko Insight',
        short_name: 'Toko Insight',
        description: 'Analitik toko Shopee di perangkat Anda — Shopee shop analytics on your device',
        lang: 'id',
        start_url: '/overview',
        scope: '/',
        display: 'standalone',
        background_color: '#f5f6f8',
        theme_color: '#ee4d2d',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        screenshots: [
          {
            src: '/screenshots/overview-wide.png',
            sizes: '1280x800',
            type: 'image/png',
            form_factor: 'wide',
            label: 'Ringkasan toko',
          },
          {
            src: '/screenshots/overview-narrow.png',
            sizes: '390x844',
            type: 'image/png',
            form_factor: 'narrow',
            label: 'Ringkasan toko',
          },
        ],
      },
      workbox: {
        // The DuckDB wasm alone is 34 MB. The sample zip is not precached: it is fetched when asked for.
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        globPatterns: ['**/*.{js,css,html,wasm,png,svg,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/sample-data\//, /^\/assets\//],
        cleanupOutdatedCaches: true,
        importScripts: ['/sw-notify.js'],
      },
    }),
  ],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { port: 5173, strictPort: false },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
