#!/usr/bin/env node
/**
 * `npm test`: typecheck, lint, unit tests, then browser end-to-end tests; stops at the first failure and
 * ends with one line "tests: N passed, N failed, N skipped". Installs npm packages and Debian's chromium
 * first when they are missing, so it also works on a fresh clone.
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const run = (cmd, args) => {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  return r.status === 0;
};

if (!existsSync('node_modules/.package-lock.json')) {
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
mkdirSync('.test-results', { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
function count(file) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += r.numFailedTests ?? 0;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
function finish(ok) {
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(ok ? 0 : 1);
}

const steps = [
  ['typecheck', 'npx', ['tsc', '-p', '.']],
  ['format and lint', 'npx', ['biome', 'ci', '.']],
  ['unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=.test-results/unit.json']],
  ['browser deps', 'bash', ['scripts/ensure-test-deps.sh']],
  ['build', 'npx', ['vite', 'build']],
  [
    'e2e',
    'npx',
    [
      'vitest',
      'run',
      '--config',
      'e2e/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile=.test-results/e2e.json',
    ],
  ],
];
for (const [name, cmd, args] of steps) {
  const ok = run(cmd, args);
  if (name === 'unit') count('.test-results/unit.json');
  if (name === 'e2e') count('.test-results/e2e.json');
  if (!ok) {
    console.error(`\n${name} failed`);
    if (totals.failed === 0) totals.failed = 1;
    finish(false);
  }
}
finish(true);
