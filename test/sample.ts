/** The project's sample exports imported into an engine on Node DuckDB, and read independently. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { openNodeDuckDB } from '../src/db/nodeDuckdb';
import { Engine } from '../src/engine/engine';
import { localMl } from '../src/ml/predictions';
import { initTf } from '../src/ml/tf';
import { type IndependentLine, mergeFiles, readOrderFile } from './independent';

const DIR = path.resolve('sample-data');
export const manifest = JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as { files: string[] };
export const bytes = (f: string) => new Uint8Array(fs.readFileSync(path.join(DIR, f)));

/** Every sample file imported in reverse order (the merge must not depend on it), each one ok. */
export async function openSampleEngine(): Promise<{ db: Awaited<ReturnType<typeof openNodeDuckDB>>; engine: Engine }> {
  const db = await openNodeDuckDB();
  const engine = await Engine.open(db, {
    ml: localMl(() => initTf(`${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`)),
  });
  const files = [...manifest.files].reverse();
  const report = await engine.importFiles(files.map((f) => ({ name: f, data: bytes(f) })));
  expect(report.files.filter((f) => f.status !== 'ok')).toEqual([]);
  return { db, engine };
}

/** The sample's order lines merged by the independent reader. */
export function sampleLines(): IndependentLine[] {
  return mergeFiles(manifest.files.filter((f) => f.startsWith('Order.')).map((f) => readOrderFile(bytes(f))));
}
