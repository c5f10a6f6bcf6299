import { createSignal } from 'solid-js';
import type { WorkspaceApi } from '../automation/api';
import type { FileImportReport, ImportInput } from '../engine/api';
import { runAutomations } from './automations';
import { bumpDataVersion } from './state';

/** One file of an import batch, as the import reports show it: pending until the engine reports. */
export interface ImportItem {
  key: number;
  fileName: string;
  report: FileImportReport | null;
}

const [items, setItems] = createSignal<ImportItem[]>([]);
const [busy, setBusy] = createSignal(false);
export { busy as importBusy, items as importItems };

let nextKey = 0;

/** Imports files through the engine, one report per file, pending as soon as the import starts. */
export async function runImport(engine: WorkspaceApi, files: ImportInput[]): Promise<FileImportReport[]> {
  if (!files.length) return [];
  const batch = files.map((f) => ({ key: nextKey++, fileName: f.name, report: null }));
  setItems((prev) => [...batch, ...prev]);
  setBusy(true);
  let i = 0;
  try {
    const result = await engine.importFiles(files, (report) => {
      const key = batch[i++].key;
      setItems((prev) => prev.map((p) => (p.key === key ? { ...p, report } : p)));
    });
    return result.files;
  } finally {
    setBusy(false);
    bumpDataVersion();
    // Alert rules are evaluated after every import.
    void runAutomations(engine);
  }
}

/** Reports of files that are already finished (a batch cut off by a reload), shown like a batch's. */
export function showReports(reports: FileImportReport[]): void {
  if (reports.length)
    setItems((prev) => [...reports.map((report) => ({ key: nextKey++, fileName: report.fileName, report })), ...prev]);
}

/** The sample exports shipped with the app (sample-data/, served at /sample-data/), imported the normal way. */
export async function loadSample(engine: WorkspaceApi): Promise<FileImportReport[]> {
  const manifest = (await (await fetch('/sample-data/manifest.json')).json()) as { files: string[] };
  const files = await Promise.all(
    manifest.files.map(async (name): Promise<ImportInput> => {
      const res = await fetch(`/sample-data/${encodeURIComponent(name)}`);
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
      return { name, data: await res.blob() };
    }),
  );
  return runImport(engine, files);
}
