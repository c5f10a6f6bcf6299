import fs from 'node:fs';
import path from 'node:path';
import { quotesModule } from './metrics/quotes';

const src = process.argv[2] ?? path.resolve(import.meta.dirname, '../../shared/METRICS.md');
const out = path.resolve(import.meta.dirname, '../src/metrics/quotes.ts');
fs.writeFileSync(out, quotesModule(fs.readFileSync(src, 'utf8')));
console.log(`wrote ${out}`);
