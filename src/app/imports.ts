import { strFromU8, unzipSync } from 'fflate';
import { createSignal } from 'solid-js';
import type { WorkspaceApi } from '../automation/api';
import type { FileImportReport, ImportInput, MasterMapping } from '../engine/api';
import { runAutomations } from './automations';
import { bumpDataVersion } from './state';
import type { AppEngine } from './client';
import { importTarget } from './shops';

/** One file of an import batch, as the import reports show it: pending until the engine reports. */
export interface ImportItem {
  key: number;
  fileName: string;
  report: FileImportReport | null;
  /** The file of a product master, kept in memory (this session only) to read again with other columns. */
  input?: ImportInput;
}

const [items, setItems] = createSignal<ImportItem[]>([]);
const [busy, setBusy] = createSignal(false);
export { busy as importBusy, items as importItems };

let nextKey = 0;

/**
 * A file stays in memory (this session only) when the seller may act on its report: a product master's
 * question or columns, or a file that belongs to another shop, to import on purpose.
 */
const keepsFile = (r: FileImportReport) => !!(r.question || r.master || r.error?.code === 'other_shop');

/** Files waiting for the seller to say which shop they go into (the pages show several shops). */
const [askShop, setAskShop] = createSignal<ImportInput[] | null>(null);
export { askShop };

/**
 * Imports files into the shop the pages show; when they show several, the seller is asked first
 * (`askShop`, answered by `importInto`).
 */
export async function startImport(engine: AppEngine, files: ImportInput[]): Promise<FileImportReport[]> {
  if (!files.length) return [];
  const target = importTarget();
  if (target === null) {
    setAskShop(files);
    return [];
  }
  return runImport(engine.forShops(target), files);
}

/** The seller's answer to `askShop`: the files go into this shop (null: they are not imported). */
export function importInto(engine: AppEngine, shop: number | null): Promise<FileImportReport[]> {
  const files = askShop() ?? [];
  setAskShop(null);
  return shop === null ? Promise.resolve([]) : runImport(engine.forShops([shop]), files);
}

/** Imports again, on purpose, a file that was refused because it belongs to another shop. */
export async function importOnPurpose(engine: AppEngine, item: ImportItem): Promise<void> {
  const shop = item.report?.shop?.id;
  if (!item.input || shop === undefined) return;
  setItems((prev) => prev.filter((p) => p.key !== item.key));
  await runImport(engine.forShops([shop]), [{ ...item.input, onPurpose: true }]);
}

/** Imports files through the engine, one report per file, pending as soon as the import starts. */
export async function runImport(engine: WorkspaceApi, files: ImportInput[]): Promise<FileImportReport[]> {
  if (!files.length) return [];
  const batch = files.map((f) => ({ key: nextKey++, fileName: f.name, report: null, input: f }));
  setItems((prev) => [...batch.map(({ input: _, ...b }) => b), ...prev]);
  setBusy(true);
  // Reports come in the order the files are done (a product master after the orders): matched by name.
  const waiting = [...batch];
  try {
    const result = await engine.importFiles(files, (report) => {
      const at = waiting.findIndex((b) => b.fileName === report.fileName);
      const [{ key, input }] = waiting.splice(at < 0 ? 0 : at, 1);
      setItems((prev) =>
        prev.map((p) => (p.key === key ? { ...p, report, ...(keepsFile(report) ? { input } : {}) } : p)),
      );
    });
    return result.files;
  } finally {
    setBusy(false);
    bumpDataVersion();
    // Alert rules are evaluated after every import.
    void runAutomations(engine);
  }
}

/** Imports the file of a report that asked which column holds a role, with the seller's answer. */
export async function answerQuestion(engine: WorkspaceApi, item: ImportItem, mapping: MasterMapping): Promise<void> {
  if (!item.input) return;
  setBusy(true);
  try {
    const report = await engine.importProductMaster(item.input, mapping);
    setItems((prev) =>
      prev.map((p) => (p.key === item.key ? { ...p, report, input: keepsFile(report) ? item.input : undefined } : p)),
    );
  } finally {
    setBusy(false);
    bumpDataVersion();
  }
}

/** Reports of files that are already finished (a batch cut off by a reload), shown like a batch's. */
export function showReports(reports: FileImportReport[]): void {
  if (reports.length)
    setItems((prev) => [...reports.map((report) => ({ key: nextKey++, fileName: report.fileName, report })), ...prev]);
}

/**
 * The sample exports shipped with the app, imported the normal way: one zip (sample-data/sample.zip, the
 * manifest inside), fetched when the seller asks for it.
 */
export async function loadSample(engine: AppEngine): Promise<FileImportReport[]> {
  const res = await fetch('/sample-data/sample.zip');
  if (!res.ok) throw new Error(`sample-data/sample.zip: HTTP ${res.status}`);
  const zip = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const manifest = JSON.parse(strFromU8(zip['manifest.json'])) as { files: string[] };
  const files = manifest.files.map((name): ImportInput => {
    const data = zip[name];
    if (!data) throw new Error(`sample-data/sample.zip: no ${name}`);
    return { name, data: new Blob([new Uint8Array(data)]) };
  });
  return startImport(engine, files);
}
