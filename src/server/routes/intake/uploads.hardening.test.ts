/**
 * Issue 17 on uploads, on both dialects: files wait under <ZX_DATA_DIR>/uploads (folder 0700, files
 * 0600) and never in the system temp folder; a committed upload is deleted, and files older than
 * ZX_UPLOAD_MAX_AGE_HOURS are deleted at start-up; the SQLite database and its -wal/-shm files are 0600;
 * a multipart body without boundary or cut short is 400, not 500; and the server answers other requests
 * while a crafted file (200,000 rows of `,,,,,`) is parsed in a worker thread. Files are generated.
 */
import { existsSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestServices, testAuthHeaders } from '../../../../test/harness';
import { openDatabase } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import type { Services } from '../../container';

function multipart(fileName: string, content: Buffer, boundary = '----zx' + Math.random().toString(16).slice(2)) {
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(fileName)}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);

forEachDialect('uploads (issue 17)', (dialect) => {
  let services: Services;
  let drop: () => Promise<void>;
  let app: Awaited<ReturnType<typeof newTestApp>>;
  let auth: Record<string, string>;
  let dataDir: string;
  let stale: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'zx-data-'));
    // a file left by an earlier run two days ago, and one of an hour ago
    const uploads = join(dataDir, 'uploads');
    (await import('node:fs')).mkdirSync(uploads, { mode: 0o755 });
    stale = join(uploads, 'upload-old');
    writeFileSync(stale, '姓名,身份证号\n');
    const twoDays = (Date.now() - 48 * 3_600_000) / 1000;
    utimesSync(stale, twoDays, twoDays);
    writeFileSync(join(uploads, 'upload-recent'), 'x');
    ({ services, drop } = await newTestServices(dialect, { config: { dataDir, uploadMaxAgeMs: 6 * 3_600_000 } }));
    await services.regions.ensureReferenceData();
    app = await newTestApp(services);
    auth = await testAuthHeaders(app, services);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });
  const upload = (name: string, bytes: Buffer) => {
    const m = multipart(name, bytes);
    return app.inject({ method: 'POST', url: '/api/v1/intake/uploads', payload: m.payload, headers: { ...auth, ...m.headers } });
  };

  it('start-up deletes uploads older than ZX_UPLOAD_MAX_AGE_HOURS and makes the folder 0700', () => {
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(join(dataDir, 'uploads', 'upload-recent'))).toBe(true);
    expect(mode(join(dataDir, 'uploads'))).toBe('700');
  });

  it('an upload waits under the data folder as 0600 and is deleted once committed', async () => {
    const res = await upload('医保.csv', Buffer.from('姓名,身份证号,医疗总费用,个人自付\n张三,522633196702032412,1000,300\n'));
    expect(res.statusCode).toBe(201);
    const files = readdirSync(join(dataDir, 'uploads')).filter((f) => f.startsWith('upload-') && f !== 'upload-recent');
    expect(files).toHaveLength(1);
    expect(mode(join(dataDir, 'uploads', files[0]!))).toBe('600');
    // the old place, per process under the system temp folder, is not used any more
    expect(existsSync(join(tmpdir(), `zhenxing-uploads-${process.pid}`))).toBe(false);
    const { uploadId } = res.json() as { uploadId: string };
    const cm = await app.inject({ method: 'POST', url: `/api/v1/intake/uploads/${uploadId}/commit`, payload: { kind: 'medical' }, headers: auth });
    const { jobId } = cm.json() as { jobId: string };
    let job = { status: 'running' };
    for (let i = 0; i < 300 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = (await app.inject({ method: 'GET', url: `/api/v1/intake/jobs/${jobId}`, headers: auth })).json();
    }
    expect(job.status).toBe('done');
    expect(existsSync(join(dataDir, 'uploads', files[0]!))).toBe(false);
    expect((await app.inject({ method: 'POST', url: `/api/v1/intake/uploads/${uploadId}/preview`, payload: { kind: 'medical' }, headers: auth })).statusCode).toBe(404);
  });

  it('multipart without boundary, or cut short, is 400 with a Chinese message (was 500)', async () => {
    const noBoundary = await app.inject({ method: 'POST', url: '/api/v1/intake/uploads', payload: Buffer.from('--x\r\n\r\nabc'), headers: { ...auth, 'content-type': 'multipart/form-data' } });
    expect(noBoundary.statusCode).toBe(400);
    expect(noBoundary.json().error.message).toMatch(/^上传内容不完整或格式不正确/);
    const m = multipart('a.csv', Buffer.from('姓名,身份证号\n'.repeat(100)));
    const cut = await app.inject({ method: 'POST', url: '/api/v1/intake/uploads', payload: m.payload.subarray(0, m.payload.length - 40), headers: { ...auth, ...m.headers } });
    expect(cut.statusCode).toBe(400);
    expect(cut.json().error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('内容被截断') });
  });

  it('answers other requests while a crafted file is parsed (200,000 rows of ",,,,,")', async () => {
    const { uploadId } = (await upload('crafted.csv', Buffer.from(',,,,,\n'.repeat(200_000)))).json() as { uploadId: string };
    let previewDone = false;
    const preview = app.inject({ method: 'POST', url: `/api/v1/intake/uploads/${uploadId}/preview`, payload: { kind: 'medical' }, headers: auth }).then((r) => {
      previewDone = true;
      return r;
    });
    const answeredMeanwhile: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth });
      expect(me.statusCode).toBe(200);
      answeredMeanwhile.push(!previewDone);
    }
    expect(answeredMeanwhile).toEqual([true, true, true, true, true]);
    const res = await preview;
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'bad_file', details: { code: 'FILE_EMPTY' } });
  });
});

describe('SQLite files (issue 17 point 3)', () => {
  it('a new database and its -wal/-shm files are 0600; an existing 0644 one is tightened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zx-db-'));
    const p = join(dir, 'zhenxing.db');
    const db = openDatabase(p);
    await migrateToLatest(db);
    for (const f of [p, `${p}-wal`, `${p}-shm`]) expect(mode(f)).toBe('600');
    await db.destroy();
    chmodSync(p, 0o644);
    const again = openDatabase(p);
    expect(mode(p)).toBe('600');
    await again.destroy();
  });
});
