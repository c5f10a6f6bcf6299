import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { FileImportReport } from '../engine/api';
import type { ImportLogStore } from '../engine/engine';

/** App state in IndexedDB. Bump VERSION and add a step to `upgrade` for every change of shape. */
interface TokoDB extends DBSchema {
  importLog: { key: number; value: FileImportReport };
  settings: { key: string; value: unknown };
}

const NAME = 'toko-insight';
const VERSION = 1;

export function openAppDb(): Promise<IDBPDatabase<TokoDB>> {
  return openDB<TokoDB>(NAME, VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('importLog', { autoIncrement: true });
        db.createObjectStore('settings');
      }
    },
  });
}

/** The import log (every attempt, failed ones too), newest first. */
export class IdbImportLog implements ImportLogStore {
  constructor(private readonly db: IDBPDatabase<TokoDB>) {}

  async add(report: FileImportReport): Promise<void> {
    await this.db.add('importLog', report);
  }

  async list(): Promise<FileImportReport[]> {
    return (await this.db.getAll('importLog')).reverse();
  }
}
