/**
 * Lossless import of the national system's exports (issue 8): the columns of （自定义）监测对象信息 that the
 * registry lacked (../shared/formats/national-system-exports.md §1), the protected disability-certificate
 * number of persons whose 证件类型 is 残疾人证, the phones (protected like ID numbers: ciphertext and masked
 * form only), the recorded 人均纯收入 beside the recomputed one, measures recorded in the national system
 * (source `national`, tied to the import batch that wrote them), the header of each import (for exports
 * in the same column order), the consequences of a held row, and `national_row`: per imported row of a
 * national table, the original spelling of each value and the columns the product does not know, as
 * they came. Portable types only: booleans integer 0/1 (null = not given), money bigint fen, areas real
 * mu. Frozen once merged.
 */
import type { Kysely } from 'kysely';
import { autoId } from '../migration-helpers';

const HOUSEHOLD: [string, 'real' | 'integer' | 'bigint' | 'text'][] = [
  ['returned_farmland_mu', 'real'], // 退耕还林面积（亩）
  ['orchard_mu', 'real'], // 林果面积（亩）
  ['grassland_mu', 'real'], // 牧草地面积
  ['water_surface_mu', 'real'], // 水面面积
  ['member_uninsured', 'integer'], // 是否有家庭成员未参加城乡居民（职工）基本医疗保险
  ['full_support', 'integer'], // 整户无劳动能力兜底保障户
  ['housing_damaged_after', 'integer'], // 风险消除后是否住房损毁
  ['water_damaged_after', 'integer'], // 风险消除后是否饮水设施损毁
  ['out_of_school_after', 'integer'], // 风险消除后是否义务教育阶段适龄儿童少年失学辍学
  ['recorded_per_capita_income_fen', 'bigint'], // 人均纯收入（元） as the national system recorded it
  ['recorded_income_year', 'integer'], // the income year of that figure
  ['phone_cipher', 'text'], // 户联系电话, AES-256-GCM
  ['phone_masked', 'text'],
  ['collector_name', 'text'], // 信息采集人
  ['collector_phone_cipher', 'text'], // 信息采集人联系电话
  ['collector_phone_masked', 'text'],
  ['developmental_measures', 'text'], // 实施开发式帮扶措施情况
];

const PERSON: [string, 'real' | 'integer' | 'bigint' | 'text'][] = [
  ['cert_hash', 'text'], // 残疾人证 number: HMAC-SHA-256 lookup hash
  ['cert_cipher', 'text'], // AES-256-GCM ciphertext
  ['cert_masked', 'text'],
  ['disability_category', 'integer'], // 1–7 (残疾类别, 19th character of the certificate number)
  ['out_of_school', 'integer'], // 是否义务教育阶段适龄儿童少年失学辍学
  ['dropout_reason', 'text'], // 失学或辍学原因
  ['not_enrolled_reason', 'text'], // 义务教育阶段未上学原因
  ['employment_channel', 'text'], // 就业渠道（易地搬迁后扶使用）
  ['tekun_support_fen', 'bigint'], // 特困人员救助供养金
  ['work_months', 'real'], // 务工时间（月）
  ['phone_cipher', 'text'], // 家庭成员联系电话
  ['phone_masked', 'text'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, type] of HOUSEHOLD) await db.schema.alterTable('household').addColumn(name, type).execute();
  // 证件类型: residentId (居民身份证) | disabilityCertificate (残疾人证)
  await db.schema.alterTable('person').addColumn('id_type', 'text', (c) => c.notNull().defaultTo('residentId')).execute();
  for (const [name, type] of PERSON) await db.schema.alterTable('person').addColumn(name, type).execute();
  await db.schema.createIndex('person_cert_hash_idx').on('person').column('cert_hash').execute();

  // measures recorded in a national export: source 'national', written (and replaced) by an import batch
  await db.schema.alterTable('assistance_measure').addColumn('source', 'text').execute();
  await db.schema.alterTable('assistance_measure').addColumn('batch_id', 'integer').execute();

  await db.schema.alterTable('import_batch').addColumn('header_json', 'text').execute();
  await db.schema.alterTable('import_held_row').addColumn('consequences_json', 'text').execute();
  await db.schema.alterTable('work_spell').addColumn('spellings_json', 'text').execute();
  await db.schema.alterTable('work_spell').addColumn('extra_json', 'text').execute();
  await db.schema.alterTable('village_profile').addColumn('spellings_json', 'text').execute();
  await db.schema.alterTable('village_profile').addColumn('extra_json', 'text').execute();

  await autoId(db, db.schema.createTable('national_row'))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('household_id', 'integer', (c) => c.references('household.id').onDelete('cascade'))
    .addColumn('id_hash', 'text')
    .addColumn('source_row', 'integer', (c) => c.notNull())
    .addColumn('spellings_json', 'text', (c) => c.notNull())
    .addColumn('extra_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('national_row_household_idx').on('national_row').columns(['household_id', 'kind', 'batch_id']).execute();
  await db.schema.createIndex('national_row_batch_idx').on('national_row').columns(['batch_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('national_row').ifExists().execute();
  for (const [t, c] of [['village_profile', 'extra_json'], ['village_profile', 'spellings_json'], ['work_spell', 'extra_json'], ['work_spell', 'spellings_json'], ['import_held_row', 'consequences_json'], ['import_batch', 'header_json'], ['assistance_measure', 'batch_id'], ['assistance_measure', 'source']] as const) {
    await db.schema.alterTable(t).dropColumn(c).execute();
  }
  await db.schema.dropIndex('person_cert_hash_idx').ifExists().execute();
  for (const [name] of [...PERSON].reverse()) await db.schema.alterTable('person').dropColumn(name).execute();
  await db.schema.alterTable('person').dropColumn('id_type').execute();
  for (const [name] of [...HOUSEHOLD].reverse()) await db.schema.alterTable('household').dropColumn(name).execute();
}
