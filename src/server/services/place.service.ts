/**
 * Use cases of places (issue 9 items 7–8, issue 8 item 2; decision 0161):
 * - the division-code crosswalk (data/regions/division-crosswalk.csv, every row with its approving document and
 *   source), loaded on first use, and what any code stands for today (`lookup`);
 * - the towns and villages of ANY county of the shipped code list, loaded on first use (a key-county
 *   designation is a label, not a gate);
 * - a row resolver for imports: by code, then the full town + village path, then a name mapping the county
 *   made once in an import preview; `--village` must agree with the row's own place columns;
 * - the name mappings of a county: validated, remembered on commit, listed.
 * The rules themselves are pure (domain/places); this service loads what they read.
 */
import { forbidden, validationError } from '../errors';
import { currentCodeOf, describeChain, type CodeStatus, type DivisionChange } from '../domain/places/crosswalk';
import { hasPlaceholder, mappingKey, placeText, resolveByCode, resolveByPath, type CountyPlaces, type PlaceOption, type PlaceOutcome } from '../domain/places/resolver';
import { PlaceRepository } from '../repositories/place.repository';
import { RegionRepository } from '../repositories/region.repository';
import { RegionService } from './region.service';
import { inScope, type Scope } from '../repositories/scope';
import { CROSSWALK_FILE, readCrosswalkFile, readDivisions } from './reference-files';
import { nowIso, type ServiceContext } from './context';
import type { Actor } from './actor';
import type { PlaceNameDto } from '../../shared/intake';

/** The place cells of one row, as the templates name them (any may be absent). */
export interface RowPlace {
  villageCode?: unknown;
  county?: unknown;
  township?: unknown;
  village?: unknown;
}

/** A town/village name pair of a file that the code list does not hold: offered for mapping in the preview. */
export type UnmatchedPlaceName = PlaceNameDto;

/** The outcome of one row: the place outcome, plus the problem code VILLAGE_OPTION_DISAGREES / VILLAGE_OUT_OF_SCOPE. */
export type RowPlaceOutcome = PlaceOutcome | { ok: false; problem: 'VILLAGE_OPTION_DISAGREES' | 'VILLAGE_OUT_OF_SCOPE' | 'COUNTY_NOT_FOUND' | 'COUNTY_MISSING'; message: string };

/** Options of a resolver: the default village (`--village`) and the preview's name mappings ("乡镇/村" → code). */
export interface PlaceResolverOptions {
  village?: string;
  placeMapping?: Record<string, string>;
}

/** Databases whose crosswalk this process has brought up to the shipped file. */
const crosswalkLoaded = new WeakSet<object>();

const str = (v: unknown): string | null => (typeof v === 'string' && placeText(v) !== '' ? v.trim() : typeof v === 'number' ? String(v) : null);

/** Splits a mapping key "乡镇/村" (town may be empty: "/村"; village may be empty: "乡镇/"). */
export function splitMappingKey(key: string): { town: string; village: string } | null {
  const i = key.indexOf('/');
  if (i < 0) return null;
  return { town: key.slice(0, i).trim(), village: key.slice(i + 1).trim() };
}

export class PlaceService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Loads the rows of the shipped crosswalk that the database lacks, once per process and database (a refreshed
   * file adds its new rows at the next start). Returns the rows added. @throws bad_file for a bad file
   */
  async ensureCrosswalk(): Promise<number> {
    if (crosswalkLoaded.has(this.ctx.db)) return 0;
    const rows = readCrosswalkFile(CROSSWALK_FILE);
    const added = await this.ctx.db.transaction().execute((trx) => new PlaceRepository(trx).insertChanges(rows));
    crosswalkLoaded.add(this.ctx.db);
    return added;
  }

  /**
   * Loads the townships and villages of a county from the shipped code list when the database has none
   * (any county of data/regions, designated or not). Returns the regions added (0 when already loaded or the
   * list holds none).
   */
  async ensureCountyPlaces(countyCode: string): Promise<number> {
    const repo = new PlaceRepository(this.ctx.db);
    if ((await repo.countyPlaces(countyCode)).towns.length > 0) return 0;
    const below = readDivisions().filter((d) => (d.level === 'township' || d.level === 'village') && d.code.startsWith(countyCode) && d.code.length > 6);
    if (below.length === 0) return 0;
    return this.ctx.db.transaction().execute((trx) =>
      new RegionRepository(trx).insertMissing(below.map((d) => ({ code: d.code, name: d.name, level: d.level, parentCode: d.parentCode, provinceCode: d.code.slice(0, 2) }))),
    );
  }

  /**
   * What a code stands for today: current, replaced (with the chain of changes), divided (with the
   * candidates) or unknown (with the reason). Codes of 6 digits (or 2/4), and of 9/12 digits by their county.
   */
  async lookup(code: string): Promise<CodeStatus & { changes: DivisionChange[] }> {
    if (!/^\d{2}$|^\d{4}$|^\d{6}$|^\d{9}$|^\d{12}$/.test(code)) throw validationError([{ field: 'code', message: '区划代码应为2、4、6、9或12位数字' }]);
    const { isCurrent, changesOf } = await this.crosswalk();
    if (code.length > 6) {
      if ((await new PlaceRepository(this.ctx.db).existing([code])).has(code)) return { status: 'current', code, changes: [] };
      const county = currentCodeOf(code.slice(0, 6), isCurrent, changesOf);
      if (county.status === 'current') {
        await this.ensureCountyPlaces(county.code);
        if ((await new PlaceRepository(this.ctx.db).existing([code])).has(code)) return { status: 'current', code, changes: [] };
        return { status: 'unknown', reason: `区划代码 ${code} 不在现行区划代码中`, changes: [] };
      }
      return { ...county, changes: 'chain' in county ? county.chain : [] };
    }
    const s = currentCodeOf(code, isCurrent, changesOf);
    return { ...s, changes: 'chain' in s ? s.chain : [] };
  }

  /** The remembered name mappings of a county inside the caller's scope. @throws forbidden outside the scope */
  async listMappings(actor: Actor, countyCode: string): Promise<{ town: string; village: string; key: string; regionCode: string; createdBy: string; createdAt: string }[]> {
    if (!inScope(actor.scope, countyCode) && !(actor.scope.regionCode ?? '').startsWith(countyCode)) throw forbidden(`县 ${countyCode} 不在您的管辖范围内`);
    const rows = await new PlaceRepository(this.ctx.db).mappings(countyCode);
    return rows.map((r) => ({ town: r.townName, village: r.villageName, key: `${r.townName}/${r.villageName}`, regionCode: r.regionCode, createdBy: r.createdBy, createdAt: r.createdAt }));
  }

  /**
   * Checks a preview's name mappings: each key "乡镇/村" (or "乡镇/" for a township) with a code of the current
   * list — 12 digits for a village, 9 for a township — inside the caller's scope, with no placeholder.
   * @throws validation_error naming every bad entry (field `placeMapping.<key>`)
   */
  async checkMappings(scope: Scope, mapping: Record<string, string> | undefined): Promise<{ countyCode: string; town: string; village: string; code: string }[]> {
    const entries = Object.entries(mapping ?? {});
    if (entries.length === 0) return [];
    const issues: { field: string; message: string }[] = [];
    const out: { countyCode: string; town: string; village: string; code: string }[] = [];
    for (const [key, code] of entries) {
      const k = splitMappingKey(key);
      const field = `placeMapping.${key}`;
      if (!k || (!k.town && !k.village)) issues.push({ field, message: '应写作“乡镇/村”(只对应乡镇时写“乡镇/”)' });
      else if (hasPlaceholder(key)) issues.push({ field, message: '地名含占位字符(_ ? □ �),不能对应' });
      else if (k.village ? !/^\d{12}$/.test(code) : !/^\d{9}$/.test(code)) issues.push({ field, message: k.village ? '村应对应12位村级区划代码' : '乡镇应对应9位乡级区划代码' });
      else if (!inScope(scope, code)) issues.push({ field, message: `区划 ${code} 不在您的管辖范围内` });
      else out.push({ countyCode: code.slice(0, 6), town: k.town, village: k.village, code });
    }
    for (const county of new Set(out.map((o) => o.countyCode))) await this.ensureCountyPlaces(county);
    const have = await new PlaceRepository(this.ctx.db).existing(out.map((o) => o.code));
    for (const o of out) if (!have.has(o.code)) issues.push({ field: `placeMapping.${o.town}/${o.village}`, message: `区划代码 ${o.code} 不在现行区划代码中` });
    if (issues.length) throw validationError(issues, '地名对应有误');
    return out;
  }

  /** Remembers a preview's name mappings for their counties (on commit). @throws validation_error as checkMappings */
  async rememberMappings(actor: Actor, mapping: Record<string, string> | undefined): Promise<number> {
    const rows = await this.checkMappings(actor.scope, mapping);
    if (rows.length === 0) return 0;
    const at = nowIso(this.ctx.clock);
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new PlaceRepository(trx);
      for (const r of rows) {
        const [townName, villageName] = mappingKey(r.town, r.village).split('/') as [string, string];
        await repo.upsertMapping({ countyCode: r.countyCode, townName, villageName, regionCode: r.code, createdBy: actor.username, createdAt: at });
      }
    });
    return rows.length;
  }

  /** The crosswalk and the current county-and-above codes; loads the shipped reference data first when absent (a fresh CLI database). */
  private async crosswalk(): Promise<{ isCurrent: (key: string) => boolean; changesOf: (c: string) => DivisionChange[] }> {
    await new RegionService(this.ctx).ensureReferenceData();
    await this.ensureCrosswalk();
    const changes = await new PlaceRepository(this.ctx.db).listChanges();
    const byOld = new Map<string, DivisionChange[]>();
    for (const c of changes) byOld.set(c.oldCode, [...(byOld.get(c.oldCode) ?? []), c]);
    const regions = new RegionRepository(this.ctx.db);
    const keys = new Set<string>();
    for (const level of ['province', 'prefecture', 'county']) for (const r of await regions.listByLevel(level)) keys.add(r.code);
    return { isCurrent: (k) => keys.has(k), changesOf: (c) => byOld.get(c) ?? [] };
  }

  /**
   * A resolver of the rows of one import (caches counties and outcomes). `resolve` gives each row's village
   * or the problem; `unmatched` lists the file's names the code list does not hold, for the mapping step.
   * @throws validation_error for bad `placeMapping` entries or a `village` option not in the current list
   */
  async resolverFor(scope: Scope, opts: PlaceResolverOptions): Promise<{ resolve: (place: RowPlace, row: number) => Promise<RowPlaceOutcome>; unmatched: () => UnmatchedPlaceName[] }> {
    const extra = await this.checkMappings(scope, opts.placeMapping);
    const { isCurrent, changesOf } = await this.crosswalk();
    const repo = new PlaceRepository(this.ctx.db);
    if (opts.village) {
      await this.ensureCountyPlaces(opts.village.slice(0, 6));
      if (!(await repo.existing([opts.village])).has(opts.village)) throw validationError([{ field: 'village', message: `默认村 ${opts.village} 不在现行区划代码中` }]);
      if (!inScope(scope, opts.village)) throw validationError([{ field: 'village', message: `默认村 ${opts.village} 不在您的管辖范围内` }]);
    }
    const counties = new Map<string, Promise<CountyPlaces | null>>();
    const placesOf = (code: string) => {
      let p = counties.get(code);
      if (!p) {
        p = (async () => {
          await this.ensureCountyPlaces(code);
          const county = await new RegionRepository(this.ctx.db).get(code);
          if (!county) return null;
          const { towns, villages } = await repo.countyPlaces(code);
          const mappings = new Map((await repo.mappings(code)).map((m) => [`${m.townName}/${m.villageName}`, m.regionCode]));
          for (const e of extra) if (e.countyCode === code) mappings.set(mappingKey(e.town, e.village), e.code);
          return { county: { code, name: county.name }, towns, villages, mappings };
        })();
        counties.set(code, p);
      }
      return p;
    };
    const countyByName = new Map<string, Promise<{ code: string; warning?: string } | { problem: 'COUNTY_NOT_FOUND'; message: string }>>();
    const countyOf = (name: string) => {
      let p = countyByName.get(name);
      if (!p) {
        p = (async () => {
          const n = placeText(name);
          if (/^\d{6}$/.test(n)) {
            const s = currentCodeOf(n, isCurrent, changesOf);
            if (s.status === 'current' && s.code.length === 6) return { code: s.code };
            if (s.status === 'replaced' && s.code.length === 6) return { code: s.code, warning: `县级区划代码 ${n} 已变更为 ${s.code}:${describeChain(s.chain)}` };
            return { problem: 'COUNTY_NOT_FOUND' as const, message: s.status === 'unknown' ? s.reason : `县级区划代码 ${n} 已撤销且无唯一的现行代码:${'chain' in s ? describeChain(s.chain) : ''}` };
          }
          const mine = (c: string) => inScope(scope, c) || (scope.regionCode ?? '').startsWith(c);
          const named = (await repo.countiesNamed(n)).filter((c) => mine(c.code));
          if (named.length === 1) return { code: named[0]!.code };
          if (named.length > 1) return { problem: 'COUNTY_NOT_FOUND' as const, message: `县名“${name}”在您的管辖范围内有 ${named.length} 个(${named.map((c) => c.code).join('、')}),请使用村级区划代码列` };
          // a former name: follow the crosswalk from every retired code that bore it
          const ends = new Map<string, DivisionChange[]>();
          for (const ch of (await repo.listChanges()).filter((c) => c.oldName === n)) {
            const s = currentCodeOf(ch.oldCode, isCurrent, changesOf);
            if (s.status === 'replaced' && s.code.length === 6 && mine(s.code)) ends.set(s.code, s.chain);
          }
          if (ends.size === 1) {
            const [code, chain] = [...ends][0]!;
            return { code, warning: `县名“${name}”是变更前的名称,已按区划变更归入现行的 ${code}:${describeChain(chain)}` };
          }
          if (ends.size > 1) return { problem: 'COUNTY_NOT_FOUND' as const, message: `县名“${name}”是变更前的名称,对应多个现行县(${[...ends.keys()].join('、')}),请使用村级区划代码列` };
          // a near miss (从江 for 从江县) is only suggested
          const near = (await new RegionRepository(this.ctx.db).listByLevel('county')).filter((c) => mine(c.code) && c.name !== n && (c.name.startsWith(n) || n.startsWith(c.name))).slice(0, 5);
          return { problem: 'COUNTY_NOT_FOUND' as const, message: `在您的管辖范围内找不到县“${name}”${near.length ? `(相近:${near.map((c) => `${c.name} ${c.code}`).join('、')};不会自动采用)` : ''}` };
        })();
        countyByName.set(name, p);
      }
      return p;
    };
    const unmatched = new Map<string, UnmatchedPlaceName>();
    const outcomes = new Map<string, RowPlaceOutcome>();

    const resolveRow = async (place: RowPlace): Promise<RowPlaceOutcome> => {
      const code = str(place.villageCode);
      const county = str(place.county);
      const town = str(place.township);
      const village = str(place.village);
      if (code) {
        const c = placeText(code);
        const status = /^\d{12}$/.test(c) ? currentCodeOf(c.slice(0, 6), isCurrent, changesOf) : ({ status: 'unknown', reason: '' } as const);
        const places = status.status === 'current' || status.status === 'replaced' ? await placesOf(status.code) : null;
        return resolveByCode(code, village, status, places);
      }
      if (village || town) {
        let countyCode: string | null = null;
        let warning: string | undefined;
        if (county) {
          if (hasPlaceholder(county)) return { ok: false, problem: 'PLACE_PLACEHOLDER', message: `县名“${county}”含占位字符,不能用来确定地点` };
          const c = await countyOf(county);
          if ('problem' in c) return { ok: false, problem: c.problem, message: c.message };
          countyCode = c.code;
          warning = c.warning;
        } else if (opts.village) countyCode = opts.village.slice(0, 6);
        else if (scope.regionCode && scope.regionCode.length >= 6) countyCode = scope.regionCode.slice(0, 6);
        if (!countyCode) return { ok: false, problem: 'COUNTY_MISSING', message: '文件没有县名列,无法按乡镇、村名确定地点;请补充县名列,或导入时指定默认村' };
        const places = await placesOf(countyCode);
        if (!places) return { ok: false, problem: 'COUNTY_NOT_FOUND', message: `现行区划代码中没有县 ${countyCode}` };
        const r = resolveByPath(town, village, places);
        if (r.ok && warning) return { ...r, warning: { code: 'PLACE_CODE_REPLACED', message: warning } };
        return r;
      }
      if (opts.village) {
        // only a county cell: it must be the default village's county
        if (county) {
          const c = await countyOf(county);
          if ('problem' in c) return { ok: false, problem: c.problem, message: c.message };
          if (c.code !== opts.village.slice(0, 6)) return { ok: false, problem: 'VILLAGE_OPTION_DISAGREES', message: `本行的县(${county},${c.code})与导入时指定的默认村 ${opts.village} 不在同一县` };
        }
        return { ok: true, code: opts.village, via: 'code' };
      }
      return { ok: false, problem: 'VILLAGE_NAME_MISSING', message: '没有村级区划代码列,也没有县、乡、村名称;请补充,或导入时指定默认村' };
    };

    return {
      resolve: async (place, row) => {
        const key = JSON.stringify([place.villageCode ?? null, place.county ?? null, place.township ?? null, place.village ?? null]);
        let r = outcomes.get(key);
        if (!r) {
          r = await resolveRow(place);
          const hasOwn = [place.villageCode, place.county, place.township, place.village].some((v) => str(v) !== null);
          if (r.ok && !inScope(scope, r.code)) r = { ok: false, problem: 'VILLAGE_OUT_OF_SCOPE', message: `村级区划 ${r.code} 不在您的管辖范围内` };
          else if (r.ok && opts.village && hasOwn && r.code !== opts.village) {
            r = { ok: false, problem: 'VILLAGE_OPTION_DISAGREES', message: `本行的地点(${r.code})与导入时指定的默认村 ${opts.village} 不一致;请去掉默认村,或改正本行的县、乡、村` };
          }
          outcomes.set(key, r);
        }
        if (!r.ok && 'mappable' in r && r.mappable) {
          const countyCode = r.suggestions?.[0]?.code.slice(0, 6) ?? null;
          const county = str(place.county);
          const c = countyCode ?? (county ? await countyOf(county).then((x) => ('code' in x ? x.code : null)) : (opts.village ?? scope.regionCode ?? '').slice(0, 6) || null);
          if (c) {
            const k = `${c}|${r.mappable.town}/${r.mappable.village}`;
            const u = unmatched.get(k) ?? { countyCode: c, countyName: (await placesOf(c))?.county.name ?? c, town: r.mappable.town, village: r.mappable.village, key: `${r.mappable.town}/${r.mappable.village}`, rows: [], suggestions: r.suggestions ?? [] };
            if (u.rows.length < 1000) u.rows.push(row);
            unmatched.set(k, u);
          }
        }
        return r;
      },
      unmatched: () => [...unmatched.values()],
    };
  }
}


/** The row resolver of one import (PlaceService.resolverFor). */
export type PlaceResolver = Awaited<ReturnType<PlaceService['resolverFor']>>;
