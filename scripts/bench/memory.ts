/**
 * The bench page in Chromium (Vite dev server, fresh profile), and the memory of the tab while it imports:
 * the peak resident memory (VmHWM) of the renderer process, where the page and all its workers (parse,
 * DuckDB, ML) run.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS } from '../../e2e/harness';
import type { ImportOnlyResult } from './page';

/** Serves `files` (URL path -> file on disk) beside the app's source and opens the bench page. */
export async function withBenchPage<T>(
  files: Record<string, string>,
  body: (page: Page, origin: string, profile: string) => Promise<T>,
): Promise<T> {
  const server = await createServer({
    configFile: path.resolve('vite.config.ts'),
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1' },
    // Pre-bundle the workers' dependencies: one found later makes Vite reload the page mid-bench.
    optimizeDeps: {
      include: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', 'yalps', 'comlink', 'apache-arrow'],
    },
    plugins: [
      {
        name: 'bench-files',
        configureServer(s) {
          for (const [url, file] of Object.entries(files)) {
            s.middlewares.use(url, (_req, res) => {
              res.setHeader('content-type', 'application/octet-stream');
              fs.createReadStream(file).pipe(res);
            });
          }
        },
      },
    ],
  });
  await server.listen();
  const address = server.httpServer?.address() as AddressInfo | undefined;
  if (!address) throw new Error('vite did not start');
  const origin = `http://127.0.0.1:${address.port}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'toko-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${origin}/scripts/bench/bench.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, {
      timeout: 120_000,
    });
    return await body(page, origin, profile);
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

function procStatus(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The renderer processes of the browser started on `profile` (descendants of the process that names it). */
function rendererPids(profile: string): number[] {
  const procs = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => {
      try {
        // Chromium rewrites its command line into one space-separated string.
        const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split(/[\0 ]/);
        const ppid = Number(/^PPid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${d}/status`, 'utf8'))?.[1]);
        return { pid: Number(d), ppid, cmd };
      } catch {
        return null;
      }
    })
    .filter((p): p is { pid: number; ppid: number; cmd: string[] } => p !== null);
  const root = procs.find(
    (p) => p.cmd.some((a) => a === `--user-data-dir=${profile}`) && !p.cmd.some((a) => a.startsWith('--type=')),
  );
  if (!root) return [];
  const family = new Set([root.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (family.has(p.pid) || !family.has(p.ppid)) continue;
      family.add(p.pid);
      grew = true;
    }
  }
  return procs.filter((p) => family.has(p.pid) && p.cmd.includes('--type=renderer')).map((p) => p.pid);
}

export interface MemoryResult {
  lines: number;
  wallMs: number;
  status: string;
  /** Peak resident memory of the tab's renderer process (bytes), and of every renderer. */
  peakBytes: number;
  renderers: number[];
}

/** Imports one file (served from disk) in a fresh profile and reports the renderer's peak memory. */
export async function benchImportMemory(file: string, name: string): Promise<MemoryResult> {
  return withBenchPage({ '/__bench/file': file }, async (page, origin, profile) => {
    const r = (await page.evaluate(
      ([url, n]) =>
        (window as unknown as { importOnly: (u: string, n: string) => Promise<unknown> }).importOnly(url, n),
      [`${origin}/__bench/file`, name] as const,
    )) as ImportOnlyResult;
    const renderers = rendererPids(profile).map((pid) => procStatus(pid, 'VmHWM'));
    return { ...r, peakBytes: Math.max(0, ...renderers), renderers };
  });
}
