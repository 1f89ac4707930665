/**
 * Parsing of uploads off the event loop (issue 17): a small pool of worker threads reads files
 * (source.ts: zip guard, exceljs or csv-parse, limits) and hands non-blank rows to the main thread in
 * batches on request. The main thread only finds the header and checks values, row by row, between
 * batches, so one user's crafted file never holds other users' requests. Each worker's heap is capped
 * (ZX_READER_HEAP_MB): a file that needs more is refused with bad_file, the worker is replaced and the
 * server goes on. Workers live on between files (starting one loads TypeScript and exceljs, about 1–2 s
 * here), at most ZX_READER_WORKERS at once; further files wait for a free one.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors';
import { fileError } from '../problems';
import type { RawRow, SheetInfo } from './cell';
import type { TextEncoding } from './encoding';
import { DEFAULT_READER_LIMITS, type ReaderLimits } from './limits';
import type { SourceOptions, TableSource } from './source';

/** Messages from a worker about one job. */
export type WorkerMessage =
  | { type: 'meta'; format: 'csv' | 'xlsx'; encoding: TextEncoding | null; delimiter: string | null }
  | { type: 'sheet'; sheet: SheetInfo; chosen: boolean }
  | { type: 'rows'; rows: RawRow[]; end: boolean }
  | { type: 'cancelled' }
  | { type: 'error'; error: { code: string; status: number; message: string; details: unknown } | null };

/** Messages to a worker. */
export type ToWorker = { type: 'job'; id: number; path: string; opts: SourceOptions } | { type: 'more'; id: number } | { type: 'cancel'; id: number };

const WORKER_URL = new URL('./parse-worker-entry.mjs', import.meta.url);
/** Batches requested ahead of the consumer. */
const PREFETCH = 2;

const tooComplex = (limitMb: number) =>
  fileError('FILE_TOO_COMPLEX', `文件过大或结构异常,解析时超出 ${limitMb} MB 的内存上限(ZX_READER_HEAP_MB);请检查文件是否为正常导出的表格,或拆分后分批导入`);

interface PoolWorker {
  worker: Worker;
  heapMb: number;
  /** the job's message handler while busy */
  onMessage: ((m: WorkerMessage) => void) | null;
  onFailure: ((e: AppError) => void) | null;
  dead: boolean;
}

/** A pool of parsing workers of one heap size. */
class ParsePool {
  private readonly idle: PoolWorker[] = [];
  private count = 0;
  private readonly waiters: ((w: PoolWorker) => void)[] = [];
  private nextId = 1;
  constructor(
    private readonly heapMb: number,
    private readonly max: number,
  ) {}

  private spawn(): PoolWorker {
    const worker = new Worker(WORKER_URL, {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(this.heapMb / 8))) },
      stdout: false,
      stderr: false,
    });
    this.count++;
    const pw: PoolWorker = { worker, heapMb: this.heapMb, onMessage: null, onFailure: null, dead: false };
    worker.on('message', (m: WorkerMessage) => pw.onMessage?.(m));
    let outOfMemory = false;
    const gone = (e?: unknown) => {
      if ((e as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') outOfMemory = true;
      if (pw.dead) return;
      pw.dead = true;
      this.count--;
      const i = this.idle.indexOf(pw);
      if (i >= 0) this.idle.splice(i, 1);
      pw.onFailure?.(outOfMemory ? tooComplex(this.heapMb) : fileError('FILE_UNREADABLE', '读取文件时出错,文件可能已损坏;请重新导出后上传'));
      pw.onFailure = pw.onMessage = null;
      // someone waiting gets a fresh worker in place of the lost one
      const w = this.waiters.shift();
      if (w) w(this.spawn());
    };
    worker.once('error', gone);
    worker.once('exit', () => gone());
    worker.unref();
    return pw;
  }

  private acquire(): Promise<PoolWorker> {
    const free = this.idle.pop();
    if (free) return Promise.resolve(free);
    if (this.count < this.max) return Promise.resolve(this.spawn());
    return new Promise((r) => this.waiters.push(r));
  }

  private release(pw: PoolWorker): void {
    pw.onMessage = pw.onFailure = null;
    pw.worker.unref();
    const w = this.waiters.shift();
    if (w) w(pw);
    else this.idle.push(pw);
  }

  /** Starts a worker ahead of the first file (server start), so that the first upload does not wait for it. */
  warm(): void {
    if (this.count === 0) this.idle.push(this.spawn());
  }

  /** Terminates every worker (tests, CLI end). */
  async close(): Promise<void> {
    const all = this.idle.splice(0);
    await Promise.all(all.map((p) => p.worker.terminate()));
  }

  async open(path: string, opts: SourceOptions & { limits: ReaderLimits }): Promise<TableSource> {
    const pw = await this.acquire();
    pw.worker.ref();
    const id = this.nextId++;
    const queue: WorkerMessage[] = [];
    let failure: AppError | null = null;
    let waiting: (() => void) | null = null;
    let settled = false;
    const wakeUp = () => {
      waiting?.();
      waiting = null;
    };
    pw.onMessage = (m) => {
      queue.push(m);
      wakeUp();
    };
    pw.onFailure = (e) => {
      settled = true;
      failure = e;
      wakeUp();
    };
    const finish = () => {
      if (settled) return;
      settled = true;
      this.release(pw);
    };
    const next = async (): Promise<WorkerMessage> => {
      for (;;) {
        const m = queue.shift();
        if (m) {
          if (m.type === 'error') {
            finish();
            throw m.error ? new AppError(m.error.code, m.error.status, m.error.message, m.error.details) : fileError('FILE_UNREADABLE', '文件无法读取;请重新导出后上传');
          }
          return m;
        }
        if (failure) throw failure;
        await new Promise<void>((r) => (waiting = r));
      }
    };
    /** stops the job early: the worker acknowledges at its next batch and goes back to the pool */
    const cancel = async () => {
      if (settled) return;
      pw.worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
      try {
        for (;;) {
          const m = await next();
          if (m.type === 'cancelled' || (m.type === 'rows' && m.end)) break;
        }
        finish();
      } catch {
        /* an error or a lost worker ends the job as well */
      }
    };
    const src: TableSource = { format: 'csv', encoding: null, delimiter: null, sheets: [], sheet: undefined, rows: undefined as unknown as AsyncGenerator<RawRow> };
    const apply = (m: WorkerMessage) => {
      if (m.type === 'sheet') {
        src.sheets.push(m.sheet);
        if (m.chosen) src.sheet = m.sheet;
      } else if (m.type === 'meta') Object.assign(src, { format: m.format, encoding: m.encoding, delimiter: m.delimiter });
    };
    pw.worker.postMessage({ type: 'job', id, path, opts } satisfies ToWorker);
    for (let i = 0; i < PREFETCH; i++) pw.worker.postMessage({ type: 'more', id } satisfies ToWorker);
    try {
      for (;;) {
        const m = await next();
        if (m.type === 'rows') {
          queue.unshift(m);
          break;
        }
        apply(m);
        if (m.type === 'meta') break;
      }
    } catch (e) {
      await cancel();
      throw e;
    }
    src.rows = (async function* () {
      let ended = false;
      try {
        for (;;) {
          const m = await next();
          if (m.type !== 'rows') {
            apply(m);
            continue;
          }
          if (m.end) {
            ended = true;
            finish();
          } else pw.worker.postMessage({ type: 'more', id } satisfies ToWorker);
          yield* m.rows;
          if (m.end) return;
        }
      } finally {
        if (!ended) await cancel();
      }
    })();
    return src;
  }
}

const pools = new Map<string, ParsePool>();
/** Workers at most per heap size (ZX_READER_WORKERS); set by configureParsing. */
let maxWorkers = 2;

/** Sets the number of parsing workers (from configuration, at start-up). */
export function configureParsing(opts: { workers: number }): void {
  maxWorkers = Math.max(1, opts.workers);
}

function poolOf(heapMb: number): ParsePool {
  const key = String(heapMb);
  let p = pools.get(key);
  if (!p) pools.set(key, (p = new ParsePool(heapMb, maxWorkers)));
  return p;
}

/** Starts one parsing worker ahead of the first upload (server start). */
export function warmParsing(limits: ReaderLimits = DEFAULT_READER_LIMITS): void {
  poolOf(limits.heapMb).warm();
}

/** Terminates the idle parsing workers. */
export async function closeParsing(): Promise<void> {
  await Promise.all([...pools.values()].map((p) => p.close()));
}

/**
 * Opens a file's rows in a parsing worker. Resolves once the worker has said what the file is (format,
 * encoding, delimiter); the rows then stream. Ending the iteration early (return, or an exception in the
 * consumer) cancels the job and frees the worker.
 * @throws bad_file from the readers (rebuilt from the worker's answer), FILE_TOO_COMPLEX when the worker
 *   runs out of its heap or stops otherwise
 */
export function openSourceInWorker(path: string, opts: SourceOptions): Promise<TableSource> {
  const limits = opts.limits ?? DEFAULT_READER_LIMITS;
  return poolOf(limits.heapMb).open(path, { ...opts, limits });
}
