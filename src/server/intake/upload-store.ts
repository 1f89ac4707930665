/**
 * Where uploaded files wait between upload, preview and commit: `<ZX_DATA_DIR>/uploads`, folder 0700 and
 * files 0600 (they hold ID numbers and names), never the system temp folder (issue 17 point 3: a crash
 * left 1,528 world-readable files there). A file is deleted when its import is committed, and any file
 * older than ZX_UPLOAD_MAX_AGE_HOURS is deleted at start-up and on each new upload, whatever process
 * left it. Reports written for download (problem lists, check reports, templates) are made here too and
 * deleted once sent.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class UploadStore {
  /** the folder of uploads (0700) */
  readonly dir: string;

  /**
   * Creates (or tightens) the folder and deletes what an earlier run left there beyond the age.
   * @param dataDir ZX_DATA_DIR
   * @param maxAgeMs ZX_UPLOAD_MAX_AGE_HOURS in milliseconds
   */
  constructor(
    dataDir: string,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.dir = join(dataDir, 'uploads');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    this.sweep();
  }

  /** Deletes files older than the age (by modification time). Returns how many were deleted. */
  sweep(): number {
    let n = 0;
    for (const name of readdirSync(this.dir)) {
      const p = join(this.dir, name);
      try {
        if (this.now() - statSync(p).mtimeMs > this.maxAgeMs) {
          rmSync(p, { force: true, recursive: true });
          n++;
        }
      } catch {
        /* deleted meanwhile by another request */
      }
    }
    return n;
  }

  /** A fresh path in the folder (nothing written yet), `prefix-<uuid><ext>`. */
  path(prefix = 'upload', ext = ''): string {
    return join(this.dir, `${prefix}-${randomUUID()}${ext}`);
  }

  /** Writes a stream to a new file of mode 0600 and returns its path. */
  async save(stream: Readable): Promise<string> {
    const p = this.path();
    try {
      await pipeline(stream, createWriteStream(p, { mode: 0o600 }));
    } catch (e) {
      this.remove(p);
      throw e;
    }
    return p;
  }

  /** Deletes a file of the folder (no error when it is already gone). */
  remove(path: string): void {
    rmSync(path, { force: true });
  }
}
