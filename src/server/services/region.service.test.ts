/**
 * RegionService on both dialects: the shipped reference data, and loading a designation list — a
 * missing Gansu county (靖远县 620421, a real county of the 2023 statistical division codes; the list in
 * the fixture is a test file, not the official one) added with its townships and villages, and bad files
 * (name mismatch, bad adcode, missing source, unknown county, duplicates) rejected with the row named and
 * nothing written.
 *
 * Counts by hand from data/regions/divisions-west-2023.csv.gz
 * (`zcat … | grep '^620421' | cut -d, -f3 | sort | uniq -c`): 620421 has 18 townships and 194 villages.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import type { Db } from '../db/connect';
import type { Services } from '../container';
import { AppError } from '../errors';
import { RegionRepository } from '../repositories/region.repository';

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/${name}`, import.meta.url));

async function snapshot(db: Db) {
  const regions = Number((await db.selectFrom('region').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const designations = await db.selectFrom('designation').select(['countyCode', 'kind', 'source']).orderBy('countyCode').orderBy('kind').execute();
  return { regions, designations };
}

async function appError(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

forEachDialect('RegionService', (dialect) => {
  let services: Services;
  let db: Db;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
  });
  afterAll(async () => {
    await drop?.();
  });

  describe('ensureReferenceData', () => {
    it('loads the shipped designations with their sources, once', async () => {
      const first = await services.regions.ensureReferenceData();
      expect(first).not.toBeNull();
      // data/key-counties-160.csv: 94 data rows (95 lines with the header); Sichuan's provincial list: 25
      expect(first!.national).toMatchObject({ kind: 'national', rows: 94, added: 94, updated: 0, unchanged: 0 });
      expect(first!.provincial).toMatchObject({ kind: 'provincial', rows: 25, added: 25 });
      // data/monitoring-thresholds.csv: 3 rows
      expect(first!.thresholds).toBe(3);
      expect(await services.regions.designationCounts()).toEqual({ national: 94, provincial: 25, reference: 0 });
      // a second call does nothing
      expect(await services.regions.ensureReferenceData()).toBeNull();
    });

    it('loads villages only for designated counties: 从江县 yes, 靖远县 (not yet designated) no', async () => {
      const repo = new RegionRepository(db);
      // 从江县 522633: 20 townships (zcat … | grep '^522633' | … township)
      expect(await repo.children('522633')).toHaveLength(20);
      expect(await repo.get('620421')).toMatchObject({ name: '靖远县', level: 'county', parentCode: '6204' });
      expect(await repo.children('620421')).toHaveLength(0);
    });
  });

  describe('loadDesignations', () => {
    it('adds a missing Gansu county with its 18 townships and 194 villages', async () => {
      const before = await snapshot(db);
      const r = await services.regions.loadDesignations(fixture('designations-gansu-620421.csv'), 'national');
      expect(r).toEqual({ kind: 'national', rows: 1, added: 1, updated: 0, unchanged: 0, regionsAdded: 18 + 194 });
      const after = await snapshot(db);
      expect(after.regions - before.regions).toBe(212);
      const repo = new RegionRepository(db);
      const townships = await repo.children('620421');
      expect(townships).toHaveLength(18);
      expect(townships.every((t) => t.level === 'township' && t.code.length === 9)).toBe(true);
      expect(await repo.listByLevel('village', '620421')).toHaveLength(194);
      const d = (await repo.listDesignations('national')).find((x) => x.countyCode === '620421');
      expect(d).toMatchObject({ source: '测试夹具:非官方来源(仅供测试)', loadedFrom: 'designations-gansu-620421.csv' });
      expect(await services.regions.designationCounts()).toEqual({ national: 95, provincial: 25, reference: 0 });
    });

    it('loading the same list again changes nothing; a new source updates the row', async () => {
      const before = await snapshot(db);
      expect(await services.regions.loadDesignations(fixture('designations-gansu-620421.csv'), 'national')).toEqual({ kind: 'national', rows: 1, added: 0, updated: 0, unchanged: 1, regionsAdded: 0 });
      expect(await snapshot(db)).toEqual(before);
      const u = await services.regions.loadDesignations(fixture('designations-gansu-620421-new-source.csv'), 'national');
      expect(u).toMatchObject({ added: 0, updated: 1, unchanged: 0, regionsAdded: 0 });
      const d = (await new RegionRepository(db).listDesignations('national')).find((x) => x.countyCode === '620421');
      expect(d?.source).toBe('测试夹具:来源已更新(非官方)');
    });

    it('the same county may hold another kind of designation', async () => {
      const r = await services.regions.loadDesignations(fixture('designations-gansu-620421.csv'), 'reference');
      expect(r).toMatchObject({ added: 1, regionsAdded: 0 });
      expect((await services.regions.designationCounts()).reference).toBe(1);
    });

    describe('bad files: bad_file naming the row, nothing written (会宁县 620422 in row 2 is valid and must not be added)', () => {
      it.each([
        ['a county name that does not match its code', 'designations-name-mismatch.csv', ['第3行', 'county', '会宁县', '靖远县']],
        ['an adcode of five digits', 'designations-bad-adcode.csv', ['第3行', 'adcode', '62042']],
        ['a missing source', 'designations-missing-source.csv', ['第3行', 'source']],
        ['codes that are not counties of the loaded provinces', 'designations-not-a-county.csv', ['第3行', '620400', '第4行', '110101']],
        ['the same county twice', 'designations-duplicate.csv', ['重复', '620422']],
        ['no source column', 'designations-no-source-column.csv', ['source']],
      ])('%s', async (_what, file, mentions) => {
        const before = await snapshot(db);
        const e = await appError(services.regions.loadDesignations(fixture(file), 'national'));
        expect(e.code).toBe('bad_file');
        expect(e.status).toBe(400);
        for (const m of mentions) expect(e.message).toContain(m);
        expect(e.message).not.toContain('第2行');
        expect(await snapshot(db)).toEqual(before);
        expect(await new RegionRepository(db).children('620422')).toHaveLength(0);
      });

      it('a file that does not exist', async () => {
        const before = await snapshot(db);
        const e = await appError(services.regions.loadDesignations(fixture('no-such-file.csv'), 'national'));
        expect(e.code).toBe('bad_file');
        expect(await snapshot(db)).toEqual(before);
      });
    });
  });

  describe('reading the tree', () => {
    it('getRegion and pathOf', async () => {
      expect(await services.regions.getRegion('522633100207')).toMatchObject({ name: '岜沙村村民委员会', level: 'village' });
      const path = await services.regions.pathOf('522633100207');
      expect(path.map((p) => p.code)).toEqual(['52', '5226', '522633', '522633100', '522633100207']);
      expect(path.map((p) => p.name)).toEqual(['贵州省', '黔东南苗族侗族自治州', '从江县', '丙妹镇', '岜沙村村民委员会']);
      await expect(services.regions.getRegion('999999')).rejects.toMatchObject({ code: 'not_found', status: 404 });
    });
  });
});
