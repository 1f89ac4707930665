/**
 * Body of a parsing worker thread (see parse-worker.ts): takes one job at a time, opens the source
 * (source.ts) of the file it names and sends its rows to the main thread in batches, one batch per
 * credit the main thread grants (so a slow consumer bounds the rows in flight); a cancel stops the
 * job at the next batch. Errors go back as plain objects: an AppError with its code, status, message
 * and details; anything else without internals.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../errors';
import type { RawRow } from './cell';
import { openSource } from './source';
import type { ToWorker, WorkerMessage } from './parse-worker';

const port = parentPort!;
const post = (id: number, m: WorkerMessage) => port.postMessage({ ...m, id });

/** Rows per batch, and cells per batch (whichever comes first). */
const BATCH_ROWS = 500;
const BATCH_CELLS = 40_000;

interface Job {
  id: number;
  credit: number;
  cancelled: boolean;
  wake: (() => void) | null;
}
let job: Job | null = null;

port.on('message', (m: ToWorker) => {
  if (m.type === 'job') {
    void run(m);
    return;
  }
  if (!job || job.id !== m.id) return;
  if (m.type === 'more') job.credit++;
  else job.cancelled = true;
  job.wake?.();
  job.wake = null;
});

async function run(m: Extract<ToWorker, { type: 'job' }>): Promise<void> {
  const j: Job = { id: m.id, credit: 0, cancelled: false, wake: null };
  job = j;
  /** waits for a credit; false when the job was cancelled meanwhile */
  const take = async (): Promise<boolean> => {
    while (j.credit === 0 && !j.cancelled) await new Promise<void>((r) => (j.wake = r));
    if (j.cancelled) return false;
    j.credit--;
    return true;
  };
  try {
    const src = await openSource(m.path, m.opts, (sheet, chosen) => post(j.id, { type: 'sheet', sheet, chosen }));
    post(j.id, { type: 'meta', format: src.format, encoding: src.encoding, delimiter: src.delimiter });
    let batch: RawRow[] = [];
    let cells = 0;
    for await (const r of src.rows) {
      batch.push(r);
      cells += r.cells.length + 1;
      if (batch.length >= BATCH_ROWS || cells >= BATCH_CELLS) {
        if (!(await take())) break;
        post(j.id, { type: 'rows', rows: batch, end: false });
        batch = [];
        cells = 0;
      }
    }
    if (!j.cancelled && (await take())) post(j.id, { type: 'rows', rows: batch, end: true });
    else post(j.id, { type: 'cancelled' });
  } catch (e) {
    post(j.id, { type: 'error', error: e instanceof AppError ? { code: e.code, status: e.status, message: e.message, details: e.details } : null });
  } finally {
    job = null;
  }
}
