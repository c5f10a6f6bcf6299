import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './imports';

const ROOT = path.resolve('.');
const graph = importGraph(ROOT, ['src', 'workers']);

describe('the shape of the source tree', () => {
  it('reads the imports of every module, type-only and dynamic ones included', () => {
    expect(graph.size).toBeGreaterThan(100);
    // A type-only import, a dynamic import and a worker URL are edges like any other.
    expect(graph.get('src/app/client.ts')).toContain('workers/db.worker.ts');
    expect(graph.get('src/automation/service.ts')).toContain('src/automation/pdf.ts');
    expect(graph.get('src/automation/service.ts')).toContain('src/engine/api.ts');
  });

  it('finds a cycle when there is one', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(importCycles(g)).toEqual([['a', 'b', 'c']]);
  });

  it('has no import cycle among the modules of src/ and workers/', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('keeps the engine below the automation: nothing in engine/ imports automation/ or the app', () => {
    const upward = [...graph]
      .filter(([f]) => f.startsWith('src/engine/'))
      .flatMap(([f, deps]) =>
        deps.filter((d) => /^src\/(automation|app|pages|components)\//.test(d)).map((d) => `${f} → ${d}`),
      );
    expect(upward).toEqual([]);
  });

  it('has no file in src/ over 600 lines, tests included', () => {
    const files = (fs.readdirSync(path.join(ROOT, 'src'), { recursive: true }) as string[])
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => path.join('src', f));
    expect(files.length).toBeGreaterThan(graph.size);
    const big = files.filter((f) => fs.readFileSync(path.join(ROOT, f), 'utf8').split('\n').length > 600);
    expect(big).toEqual([]);
  });
});
