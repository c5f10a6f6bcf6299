/// <reference lib="webworker" />
/**
 * The parse worker: reads, hashes and parses export files for the db worker, so the next file is parsed
 * while DuckDB merges the previous one. The parsed rows' Arrow buffers are handed over, not copied.
 */
import * as Comlink from 'comlink';
import { type FileInput, type ParseOutcome, outcomeBuffers, parseFile } from '../src/ingest/parseFile';

const api = {
  async parse(file: FileInput): Promise<ParseOutcome> {
    const outcome = await parseFile(file);
    return Comlink.transfer(outcome, outcomeBuffers(outcome));
  },
};
export type ParseWorkerApi = typeof api;

Comlink.expose(api);
