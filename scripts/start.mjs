#!/usr/bin/env node
/** `npm start`: installs packages if needed, builds the app and serves it at http://localhost:4173/. */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('node_modules/.package-lock.json')) execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
execSync('npx vite build', { stdio: 'inherit' });
const { startServer } = await import('./serve.mjs');
const port = Number(process.env.PORT ?? 4173);
await startServer(port, new URL('../dist', import.meta.url).pathname);
console.log(`\nToko Insight is running at http://localhost:${port}/  (Ctrl+C to stop)`);
