/**
 * Export routes (personal.export permission, 403 without; audited with the row count).
 * - GET /api/v1/exports/households.csv?… and /households.xlsx?… with the household list's filters →
 *   the file as an attachment; names masked unless `names=full` (personal.view too, else 403) (CSV UTF-8 with BOM; formula injection neutralised, see presenters/export.ts).
 *   No region filter = the user's whole region; a region outside it gives an empty file.
 * - GET /api/v1/exports/persons.csv|.xlsx?region=&names=&idNumbers=&reason= → the persons of the region, one
 *   row per person (ID numbers masked and birth year only, names as for households, health status withheld
 *   without personal.view); `idNumbers=full&reason=…` gives full numbers and dates only with idNumber.reveal
 *   and personal.export and a reason of 4 characters or more, else 403, recorded (issue 9 item 10).
 * Every export's audit record: user, time, scope, filters, row count, masked/full, reason, SHA-256 of the file.
 * - GET /api/v1/exports/clues.csv|.xlsx?status= → the risk-clue queue of the user's region.
 * - GET /api/v1/exports/national/:kind?year= → the registry of the user's region in a national layout
 *   (national-person | national-household | national-work | national-work-plan | national-village), as
 *   the national system's file (`（自定义）监测对象信息.xlsx` …) with the original spellings (issue 8 item 4);
 *   full ID numbers: personal.export, idNumber.reveal and `reason` (≥ 4 characters), else 403 (recorded); 400 for another kind.
 * Every CSV export takes `encoding=utf-8|gbk|gb18030` (default utf-8 with BOM): GBK is refused with 400
 * listing the cells it cannot encode and suggesting GB18030 (C07), never written with `?` in their place.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { householdListQuery } from '../../../shared/queries';
import { regionCode } from '../../../shared/registry';
import type { Services } from '../../container';
import { actorOf } from '../scope-of';

/** The list's filters, and `names=full` for unmasked names (personal.view as well; default masked). */
const names = z.enum(['masked', 'full']).default('masked');
/** CSV encoding (ignored for .xlsx). */
const encoding = z.enum(['utf-8', 'gbk', 'gb18030']).default('utf-8');
const exportQuery = householdListQuery.safeExtend({ names, encoding });
/** `idNumbers=full` with a `reason`: full ID numbers (idNumber.reveal + personal.export, else 403, recorded). */
const personExportQuery = z.object({ region: regionCode.optional(), names, encoding, idNumbers: z.enum(['masked', 'full']).default('masked'), reason: z.string().max(200).optional() });
const clueExportQuery = z.object({ status: z.enum(['open', 'verified', 'dismissed']).optional(), encoding });

export function exportRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/exports/national/:kind', { schema: { tags: ['exports'], summary: '按全国防返贫监测信息系统格式导出(.xlsx,含完整证件号码)', params: z.object({ kind: z.string().max(40) }), querystring: z.object({ year: z.coerce.number().int().min(2014).max(2100).optional(), reason: z.string().max(200).optional() }) } }, async (req, reply) => {
    const dir = await mkdtemp(join(s.ctx.config.dataDir, 'export-'));
    try {
      const f = await s.nationalExport.exportTable(actorOf(req), req.params.kind, join(dir, 'table.xlsx'), { year: req.query.year, reason: req.query.reason });
      const body = await readFile(f.path);
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`).header('cache-control', 'no-store').send(body);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  for (const format of ['csv', 'xlsx'] as const) {
    r.get(`/api/v1/exports/households.${format}`, { schema: { tags: ['exports'], summary: `导出农户名单(${format.toUpperCase()})`, querystring: exportQuery } }, async (req, reply) => {
      const { names: n, encoding: e, ...q } = req.query;
      const f = await s.exports.households(actorOf(req), q, format, { fullNames: n === 'full', encoding: e });
      return reply.type(f.contentType).header('content-disposition', `attachment; filename="${f.filename}"`).header('cache-control', 'no-store').send(f.body);
    });
    r.get(`/api/v1/exports/persons.${format}`, { schema: { tags: ['exports'], summary: `导出人员名单(${format.toUpperCase()})`, querystring: personExportQuery } }, async (req, reply) => {
      const f = await s.exports.persons(actorOf(req), { region: req.query.region }, format, { fullNames: req.query.names === 'full', encoding: req.query.encoding, idNumbers: req.query.idNumbers, reason: req.query.reason });
      return reply.type(f.contentType).header('content-disposition', `attachment; filename="${f.filename}"`).header('cache-control', 'no-store').send(f.body);
    });
    r.get(`/api/v1/exports/clues.${format}`, { schema: { tags: ['exports'], summary: `导出风险线索(${format.toUpperCase()})`, querystring: clueExportQuery } }, async (req, reply) => {
      const f = await s.exports.clues(actorOf(req), { status: req.query.status }, format, { encoding: req.query.encoding });
      return reply.type(f.contentType).header('content-disposition', `attachment; filename="${f.filename}"`).header('cache-control', 'no-store').send(f.body);
    });
  }
}
