/**
 * Intake routes (/api/v1/intake), thin over IntakeService and CheckService; every call acts with the
 * signed-in user's actor and region scope (another region's import, clue or upload answers 404).
 * Permissions (domain/permissions.ts): uploading, previewing, committing, remembered mappings, held rows
 * and rollback need `intake.import` (dataEntry, admin); changing a clue's status needs `clue.handle`;
 * the problem list and check report downloads carry personal data and need `personal.export` as well
 * (audited as `export` with their row count). Names and health details are masked without
 * `personal.view` (presenters/intake.presenter.ts); ID numbers are never in clear.
 * - GET  /kinds → ImportKindDto[]; GET /templates/:kind → the template .xlsx
 * - POST /uploads (multipart, one file, at most ZX_UPLOAD_MAX_MB, default 200 MB) → 201 { uploadId, fileName, bytes };
 *   kept under <ZX_DATA_DIR>/uploads (0700/0600) until committed or ZX_UPLOAD_MAX_AGE_HOURS old;
 *   400 bad_request for a multipart body without boundary or cut short
 * - POST /uploads/:id/preview (ImportRequest) → ImportReportDto (dry run: writes nothing)
 * - GET  /uploads/:id/problems.xlsx → the last preview's problems as .xlsx
 * - POST /uploads/:id/commit (ImportRequest) → 202 { jobId }; GET /jobs/:id → ImportJobDto (progress, then the report)
 * - PUT  /mappings { kind, headerSignature, mapping } → 204: remembers a confirmed mapping for files with the same header
 * - GET  /imports → ImportBatchDto[]; GET /imports/:id → { batch, problems }; GET /imports/:id/held → rows held for verification
 *   (ID numbers masked); POST /imports/:id/rollback → { batchId, households }
 * - GET  /clues?status= → RiskClueDto[] (the county's queue); PUT /clues/:id/status { status } → 204
 * - GET  /checks/catalogue?family=&level=&q= → { checks: CheckInfoDto[] } (every check: id, Chinese name, meaning, source, level, hint)
 * - GET  /checks?region=&year= → CheckReportDto; GET /checks.xlsx?region=&year= → the same as .xlsx
 * Bad files answer 400 bad_file with `details.problems` (code, where, Chinese message), never 500.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { qint } from '../../../shared/strict';
import { CLUE_STATUSES, importRequest, type ImportJobDto, type ImportKindDto } from '../../../shared/intake';
import type { Services } from '../../container';
import { AppError, notFound, validationError } from '../../errors';
import { textProblem } from '../../domain/text';
import { CHECK_FAMILY_ZH, type CheckFamily } from '../../domain/checks/model';
import { fileError } from '../../intake/problems';
import { writeCheckXlsx, writeProblemsXlsx } from '../../intake/report-export';
import { templateOf, TEMPLATES } from '../../intake/templates';
import { writeTemplate } from '../../intake/templates/write-template';
import type { ImportReport } from '../../services/intake.service';
import { actorOf, requirePermission } from '../scope-of';
import { AuditService } from '../../services/audit.service';
import { UploadStore } from '../../intake/upload-store';

interface Upload {
  path: string;
  fileName: string;
  bytes: number;
  owner: string;
  at: number;
  lastReport?: ImportReport;
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sendFile = (reply: FastifyReply, path: string, name: string) =>
  reply.header('Content-Type', xlsxType).header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`).send(readFileSync(path));

export function intakeRoutes(app: FastifyInstance, s: Services): void {
  /** Largest upload accepted (bytes): ZX_UPLOAD_MAX_MB (config.ts), default 200 MB. */
  const UPLOAD_LIMIT_BYTES = s.ctx.config.uploadMaxBytes;
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 64 * 1024, headerPairs: 200 } });
    const importer = (req: Parameters<typeof actorOf>[0]) => requirePermission(req, 'intake.import', '没有导入数据的权限');

    const r = scope.withTypeProvider<ZodTypeProvider>();
    const store = new UploadStore(s.ctx.config.dataDir, s.ctx.config.uploadMaxAgeMs);
    const uploads = new Map<string, Upload>();
    const jobs = new Map<string, ImportJobDto & { owner: string }>();
    const uploadOf = (id: string, owner: string) => {
      const u = uploads.get(id);
      if (!u || u.owner !== owner) throw notFound('该上传文件(可能已过期,请重新上传)');
      return u;
    };
    const sweep = () => {
      for (const [id, u] of uploads) if (Date.now() - u.at > s.ctx.config.uploadMaxAgeMs) uploads.delete(id);
      store.sweep();
    };
    const drop = (id: string) => {
      const u = uploads.get(id);
      if (u) store.remove(u.path);
      uploads.delete(id);
    };

    r.get('/api/v1/intake/kinds', { schema: { tags: ['intake'], summary: '导入类型与模板列' } }, async (): Promise<ImportKindDto[]> =>
      TEMPLATES.map((t) => ({ kind: t.kind, zh: t.zh, target: t.target, department: t.department ?? null, columns: t.columns.filter((c) => !c.ignored).map((c) => ({ key: c.key, zh: c.zh, required: !!c.required, type: c.type })) })),
    );
    r.get('/api/v1/intake/templates/:kind', { schema: { tags: ['intake'], summary: '下载导入模板(.xlsx)', params: z.object({ kind: z.string().max(40) }) } }, async (req, reply) => {
      const t = templateOf(req.params.kind);
      const p = store.path('template', '.xlsx');
      await writeTemplate(t, p);
      try {
        return sendFile(reply, p, `${t.zh}-模板.xlsx`);
      } finally {
        store.remove(p);
      }
    });

    r.post('/api/v1/intake/uploads', { schema: { tags: ['intake'], summary: '上传文件(multipart,字段 file)' } }, async (req, reply) => {
      const actor = importer(req);
      sweep();
      if (!req.isMultipart()) throw new AppError('bad_request', 400, '请以 multipart/form-data 上传文件(字段名 file)');
      // a body without boundary, or cut short, is the client's fault: 400 with a Chinese message, never 500
      const broken = () => new AppError('bad_request', 400, '上传内容不完整或格式不正确(缺少 multipart 分隔符或内容被截断);请重新上传');
      let path: string;
      let file: Awaited<ReturnType<typeof req.file>>;
      try {
        file = await req.file();
        if (!file) throw fileError('FILE_MISSING', '请求中没有文件');
        path = await store.save(file.file);
      } catch (e) {
        if (e instanceof AppError) throw e;
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', 413, `文件超过上传上限 ${Math.round(UPLOAD_LIMIT_BYTES / 1024 / 1024)} MB`);
        throw broken();
      }
      if (file.file.truncated) {
        store.remove(path);
        throw new AppError('payload_too_large', 413, `文件超过上传上限 ${Math.round(UPLOAD_LIMIT_BYTES / 1024 / 1024)} MB`);
      }
      const id = randomUUID();
      const fileName = basename(file.filename || 'upload');
      const nameProblem = textProblem(fileName);
      if (nameProblem) {
        store.remove(path);
        throw validationError([{ field: 'file.filename', message: nameProblem }]);
      }
      const bytes = file.file.bytesRead;
      uploads.set(id, { path, fileName, bytes, owner: actor.username, at: Date.now() });
      return reply.code(201).send({ uploadId: id, fileName, bytes });
    });

    const params = z.object({ id: z.string().uuid() });
    r.post('/api/v1/intake/uploads/:id/preview', { schema: { tags: ['intake'], summary: '预览(不写入)', params, body: importRequest } }, async (req) => {
      const actor = importer(req);
      const u = uploadOf(req.params.id, actor.username);
      u.lastReport = await s.intake.preview(actor, { path: u.path, fileName: u.fileName }, req.body);
      return u.lastReport;
    });
    r.get('/api/v1/intake/uploads/:id/problems.xlsx', { schema: { tags: ['intake'], summary: '下载上次预览的问题清单(.xlsx)', params } }, async (req, reply) => {
      const actor = importer(req);
      requirePermission(req, 'personal.export', '没有导出个人信息的权限');
      const u = uploadOf(req.params.id, actor.username);
      if (!u.lastReport) throw notFound('该文件的预览结果');
      const p = store.path('problems', '.xlsx');
      await writeProblemsXlsx(u.lastReport, p);
      await new AuditService(s.ctx).record(actor, { action: 'export', targetType: 'import_problems', targetId: u.lastReport.sha256, outcome: 'ok', details: { format: 'xlsx', rows: u.lastReport.problems.length, fileName: u.fileName } });
      try {
        return sendFile(reply, p, `${u.fileName}-问题清单.xlsx`);
      } finally {
        store.remove(p);
      }
    });
    r.post('/api/v1/intake/uploads/:id/commit', { schema: { tags: ['intake'], summary: '确认导入(后台执行,返回任务号)', params, body: importRequest } }, async (req, reply) => {
      const actor = importer(req);
      const u = uploadOf(req.params.id, actor.username);
      const job: ImportJobDto & { owner: string } = { id: randomUUID(), status: 'running', done: 0, estimate: 0, report: null, error: null, owner: actor.username };
      jobs.set(job.id, job);
      s.intake
        .commit(actor, { path: u.path, fileName: u.fileName }, { ...req.body, onProgress: (d, t) => ((job.done = d), (job.estimate = t)) })
        .then((rep) => {
          job.status = 'done';
          job.report = rep;
          // the batch is written: the upload has served its purpose
          drop(req.params.id);
        })
        .catch((e: unknown) => {
          job.status = 'failed';
          job.error = e instanceof AppError ? { code: e.code, message: e.message, details: e.details } : { code: 'internal_error', message: '导入失败,未写入任何数据;请联系管理员' };
          if (!(e instanceof AppError)) req.log.error({ err: e }, 'import failed');
        });
      return reply.code(202).send({ jobId: job.id });
    });
    r.get('/api/v1/intake/jobs/:id', { schema: { tags: ['intake'], summary: '导入任务进度与结果', params } }, async (req) => {
      const j = jobs.get(req.params.id);
      if (!j || j.owner !== importer(req).username) throw notFound('该导入任务');
      const { owner: _o, ...dto } = j;
      return dto;
    });

    r.put('/api/v1/intake/mappings', {
      schema: { tags: ['intake'], summary: '保存列对应(同样表头的文件下次自动套用)', body: z.object({ kind: z.string().max(40), headerSignature: z.string().regex(/^[0-9a-f]{64}$/), mapping: z.record(z.string().max(200), z.string().max(60)) }) },
    }, async (req, reply) => {
      await s.intake.saveMapping(importer(req), req.body.kind, req.body.headerSignature, req.body.mapping);
      return reply.code(204).send();
    });
    r.get('/api/v1/intake/imports', { schema: { tags: ['intake'], summary: '导入记录', querystring: z.object({ limit: qint(z.number().int().min(1).max(500)).default(50), beforeId: qint(z.number().int()).optional() }) } }, async (req) =>
      s.intake.history(actorOf(req), req.query.limit, req.query.beforeId),
    );
    const idParams = z.object({ id: qint(z.number().int().min(1)) });
    r.get('/api/v1/intake/imports/:id', { schema: { tags: ['intake'], summary: '导入批次及其问题', params: idParams } }, async (req) => s.intake.batch(actorOf(req), req.params.id));
    r.get('/api/v1/intake/imports/:id/held', { schema: { tags: ['intake'], summary: '待核实的行(身份证号已脱敏)', params: idParams } }, async (req) => s.intake.heldRows(importer(req), req.params.id));
    r.post('/api/v1/intake/imports/:id/rollback', { schema: { tags: ['intake'], summary: '回退导入批次', params: idParams } }, async (req) => s.intake.rollback(importer(req), req.params.id));

    r.get('/api/v1/intake/clues', { schema: { tags: ['intake'], summary: '风险线索(本辖区队列)', querystring: z.object({ status: z.enum(CLUE_STATUSES).optional(), limit: qint(z.number().int().min(1).max(1000)).default(100), beforeId: qint(z.number().int()).optional() }) } }, async (req) =>
      s.intake.clues(actorOf(req), req.query),
    );
    r.put('/api/v1/intake/clues/:id/status', { schema: { tags: ['intake'], summary: '更新风险线索状态', params: idParams, body: z.object({ status: z.enum(CLUE_STATUSES) }) } }, async (req, reply) => {
      await s.intake.setClueStatus(requirePermission(req, 'clue.handle', '没有处理风险线索的权限'), req.params.id, req.body.status);
      return reply.code(204).send();
    });

    const checkQuery = z.object({ region: z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, '区划代码应为2、4、6、9或12位数字').optional(), year: qint(z.number().int().min(2014).max(2100)).optional() });
    const catalogueQuery = z.object({
      family: z.enum(Object.keys(CHECK_FAMILY_ZH) as [CheckFamily, ...CheckFamily[]]).optional(),
      level: z.enum(['household', 'person', 'spell', 'village']).optional(),
      q: z.string().trim().max(50).optional(),
    });
    r.get('/api/v1/intake/checks/catalogue', { schema: { tags: ['intake'], summary: '数据质量核查项目录(可按类别、层级、关键词筛选)', querystring: catalogueQuery } }, async (req) => {
      actorOf(req);
      return { checks: s.checks.catalogue(req.query) };
    });
    r.get('/api/v1/intake/checks', { schema: { tags: ['intake'], summary: '数据质量核查', querystring: checkQuery } }, async (req) => s.checks.run(actorOf(req), { regionCode: req.query.region, year: req.query.year }));
    r.get('/api/v1/intake/checks.xlsx', { schema: { tags: ['intake'], summary: '数据质量核查结果(.xlsx)', querystring: checkQuery } }, async (req, reply) => {
      const actor = requirePermission(req, 'personal.export', '没有导出个人信息的权限');
      const rep = await s.checks.run(actor, { regionCode: req.query.region, year: req.query.year });
      const p = store.path('checks', '.xlsx');
      await writeCheckXlsx(rep, p);
      await new AuditService(s.ctx).record(actor, { action: 'export', targetType: 'check_report', targetId: rep.regionCode, outcome: 'ok', details: { format: 'xlsx', rows: rep.findings.length, year: rep.year } });
      try {
        return sendFile(reply, p, `数据质量核查-${rep.regionCode ?? '全部'}.xlsx`);
      } finally {
        store.remove(p);
      }
    });
  });
}
