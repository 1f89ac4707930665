/**
 * Query-string schemas of the read endpoints (zod), shared by routes and the web client. Each field
 * is documented; a bad value is a 400 validation_error naming the parameter.
 */
import { z } from './zod-locale';
import { HOUSEHOLD_TYPES, MONITORED_CATEGORIES, RISK_TYPES } from './enums';
import { regionCode } from './registry';
import { qint } from './strict';

const year = qint(z.number({ error: '年份应为四位数字' }).int('年份应为整数').min(2014, '年份应不早于2014').max(2100, '年份不合理'));

/** `?region=&year=`: region omitted = the nation (all key counties); year omitted = the default year. */
export const summaryQuery = z.object({
  region: regionCode.optional(),
  year: year.optional(),
});

/** Household list filters, sort and cursor pagination. Money in fen. */
export const householdListQuery = z
  .object({
    /** region code (province … village) inside the caller's scope */
    region: regionCode.optional(),
    year: year.optional(),
    householdType: z.enum(HOUSEHOLD_TYPES).optional(),
    /** monitored-household category */
    category: z.enum(MONITORED_CATEGORIES).optional(),
    /** rule id that flags the household in the year, e.g. R01 */
    rule: z.string().regex(/^R\d{2}$/, '规则编号形如 R01').optional(),
    riskType: z.enum(RISK_TYPES).optional(),
    /** per-capita net income bounds, fen, inclusive */
    incomeMinFen: qint(z.number({ error: '收入下限应为整数(分)' }).int('收入下限应为整数(分)').min(-1e13).max(1e13)).optional(),
    incomeMaxFen: qint(z.number({ error: '收入上限应为整数(分)' }).int('收入上限应为整数(分)').min(-1e13).max(1e13)).optional(),
    /** household number prefix or head's name prefix */
    q: z.string().trim().min(1).max(40).optional(),
    sort: z.enum(['householdNo', 'perCapitaNetIncomeFen', 'memberCount']).default('householdNo'),
    order: z.enum(['asc', 'desc']).default('asc'),
    /** opaque cursor from the previous page's nextCursor */
    cursor: z.string().max(200).optional(),
    limit: qint(z.number({ error: '每页条数应为1至200的整数' }).int('每页条数应为整数').min(1, '每页条数至少为1').max(200, '每页条数最多为200')).default(20),
  })
  .refine((q) => q.incomeMinFen === undefined || q.incomeMaxFen === undefined || q.incomeMinFen <= q.incomeMaxFen, {
    message: '收入下限不能大于上限',
    path: ['incomeMinFen'],
  });
export type HouseholdListQuery = z.output<typeof householdListQuery>;

/** `/households/:id` path and query. */
export const householdParams = z.object({ id: qint(z.number({ error: '农户编号应为正整数' }).int('农户编号应为正整数').min(1, '农户编号应为正整数').max(2 ** 31 - 1, '农户编号过大')) });
export const yearQuery = z.object({ year: year.optional() });

/** `/key-counties?province=&year=` */
export const keyCountyQuery = z.object({
  province: z.string().regex(/^\d{2}$/, '省级代码应为2位数字').optional(),
  year: year.optional(),
});
