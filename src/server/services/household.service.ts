/**
 * Reading the registry: the household list with filters, sort and cursor pagination, and one household
 * with its members, income history and every screening verdict with its explanation.
 */
import type { HouseholdDetailDto, HouseholdListItem, Page } from '../../shared/api';
import type { HouseholdType, MonitoredCategory } from '../../shared/enums';
import type { HouseholdListQuery } from '../../shared/queries';
import { notFound, unknownRegion, validationError } from '../errors';
import { HouseholdRepository, type HouseholdFilters } from '../repositories/household.repository';
import { RollupRepository } from '../repositories/rollup.repository';
import { RegionRepository } from '../repositories/region.repository';
import { ScreeningRepository } from '../repositories/screening.repository';
import { NATIONAL_SCOPE, narrow, regionScope, type Scope } from '../repositories/scope';
import { presentHousehold, riskTypesOf } from '../presenters/household.presenter';
import { ruleIdsOfFlags } from '../domain/rules';
import { today, type ServiceContext } from './context';
import type { Actor } from './actor';
import { PersonalDataService } from './personal-data.service';

/** Beyond this many matches a filtered list total is not counted further: it is shown as "more than". */
export const LIST_COUNT_CAP = 10_000;

interface Cursor {
  v: number | string;
  id: number;
  s: string;
  o: string;
}

export class HouseholdService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * One page of households inside the scope.
   * @throws unknown_region when `region` is not loaded; validation_error for a cursor that does not
   *   belong to this sort. A region outside the scope gives an empty page.
   */
  async list(scope: Scope, q: HouseholdListQuery): Promise<Page<HouseholdListItem>> {
    const regions = new RegionRepository(this.ctx.db);
    if (q.region && !(await regions.get(q.region))) throw unknownRegion(q.region);
    const effective = narrow(scope, q.region);
    if (!effective) return { items: [], nextCursor: null, total: 0 };
    let after: { value: number | string; id: number } | null = null;
    if (q.cursor) {
      let c: Cursor;
      try {
        c = JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')) as Cursor;
      } catch {
        throw validationError([{ field: 'cursor', message: '分页游标无效' }]);
      }
      const valueType = q.sort === 'householdNo' ? 'string' : 'number';
      if (c === null || typeof c !== 'object' || c.s !== q.sort || c.o !== q.order || !Number.isInteger(c.id) || typeof c.v !== valueType) {
        throw validationError([{ field: 'cursor', message: '分页游标无效或与排序方式不符' }]);
      }
      after = { value: c.v, id: c.id };
    }
    const year = q.year ?? this.ctx.config.defaultYear;
    const filters = { year, householdType: q.householdType, monitoredCategory: q.category, ruleId: q.rule, riskType: q.riskType, incomeMinFen: q.incomeMinFen, incomeMaxFen: q.incomeMaxFen, q: q.q };
    const repo = new HouseholdRepository(this.ctx.db);
    const [rows, counted] = await Promise.all([repo.list(effective, filters, q.sort, q.order, after, q.limit + 1), this.total(effective, filters)]);
    const total = counted.total;
    const page = rows.slice(0, q.limit);
    const names = new Map(
      (await regions.getMany([...new Set(page.flatMap((r) => [r.villageCode, r.townshipCode, r.countyCode]))])).map((r) => [r.code, r.name]),
    );
    const last = page[page.length - 1];
    const nextCursor = rows.length > q.limit && last ? Buffer.from(JSON.stringify({ v: last.sortValue, id: last.id, s: q.sort, o: q.order } satisfies Cursor)).toString('base64url') : null;
    return {
      total,
      ...(counted.atLeast ? { totalAtLeast: true } : {}),
      nextCursor,
      items: page.map((r) => ({
        id: r.id, householdNo: r.householdNo, villageCode: r.villageCode, villageName: names.get(r.villageCode) ?? '', townshipName: names.get(r.townshipCode) ?? '',
        countyName: names.get(r.countyCode) ?? '', householdType: r.householdType as HouseholdType, monitoredCategory: r.monitoredCategory as MonitoredCategory | null,
        riskTypes: riskTypesOf(r.riskTypes), headName: r.headName, memberCount: r.memberCount, perCapitaNetIncomeFen: r.perCapitaNetIncomeFen,
        flaggedRules: r.flags ? ruleIdsOfFlags(r.flags) : [],
      })),
    };
  }

  /**
   * The list total without a join-and-count per page (issue 15): read from the region's rollups when the
   * filters are one the rollups keep (none; 户类型; 预警规则; 风险类型), else counted no further than
   * LIST_COUNT_CAP, and above it reported as a lower bound (`atLeast`).
   */
  private async total(scope: Scope, f: HouseholdFilters): Promise<{ total: number; atLeast: boolean }> {
    const { year, householdType, ruleId, riskType, ...rest } = f;
    const others = Object.values(rest).some((v) => v !== undefined && v !== '');
    const given = [householdType, ruleId, riskType].filter((v) => v !== undefined).length;
    if (!others && given <= 1) {
      const rows = await new RollupRepository(this.ctx.db).read(year, [scope.regionCode ?? '']);
      const value = (metric: string, key = '') => rows.find((r) => r.metric === metric && r.key === key)?.value;
      const households = value('households');
      if (households !== undefined) {
        const v = householdType === 'liftedOutOfPoverty' ? value('lifted') ?? 0
          : householdType !== undefined ? households - (value('lifted') ?? 0)
          : ruleId !== undefined ? value('rule', ruleId) ?? 0
          : riskType !== undefined ? value('risk', riskType) ?? 0
          : households;
        return { total: v, atLeast: false };
      }
    }
    const n = await new HouseholdRepository(this.ctx.db).countUpTo(scope, f, LIST_COUNT_CAP);
    return n > LIST_COUNT_CAP ? { total: LIST_COUNT_CAP, atLeast: true } : { total: n, atLeast: false };
  }

  /**
   * One household inside the scope, with verdicts of `year` (default year when omitted).
   * @throws not_found when missing or outside the scope (the two are indistinguishable)
   */
  async get(scope: Scope, id: number, year?: number): Promise<HouseholdDetailDto> {
    const repo = new HouseholdRepository(this.ctx.db);
    let h = await repo.get(scope, id);
    // temporary access (人户分离): a granted household is read within its own village only
    if (!h && scope.householdIds?.includes(id)) {
      const granted = await repo.get(NATIONAL_SCOPE, id);
      if (granted) scope = regionScope(granted.villageCode);
      h = granted;
    }
    if (!h) throw notFound('该农户');
    const y = year ?? this.ctx.config.defaultYear;
    const screening = new ScreeningRepository(this.ctx.db);
    const [members, incomes, facts, result, path] = await Promise.all([
      repo.members(scope, [id]),
      repo.incomes(scope, [id]),
      screening.factsOf(scope, id),
      screening.resultOf(scope, id, y),
      new RegionRepository(this.ctx.db).getMany([2, 4, 6, 9, 12].map((n) => h.villageCode.slice(0, n))),
    ]);
    const regionPath = path.sort((a, b) => a.code.length - b.code.length).map((r) => ({ code: r.code, name: r.name, level: r.level as HouseholdDetailDto['regionPath'][number]['level'] }));
    return presentHousehold(h, regionPath, members, incomes, facts.find((f) => f.year === y), result, today(this.ctx.clock));
  }

  /**
   * Households of the actor's region by ID number (exact; any member) or by any part of a name (head
   * or member), at most 50, ordered by household number; names unmasked (the route masks them).
   * @throws validation_error naming idNumber when it is not 18 characters after normalisation
   */
  async search(actor: Actor, q: { idNumber?: string; name?: string }): Promise<HouseholdMatch[]> {
    const repo = new HouseholdRepository(this.ctx.db);
    const byId = new Map<number, HouseholdMatch>();
    if (q.idNumber) {
      const persons = await new PersonalDataService(this.ctx).findByIdNumber(actor, q.idNumber);
      for (const h of await repo.getMany(actor.scope, [...new Set(persons.map((p) => p.householdId))])) byId.set(h.id, { householdId: h.id, householdNo: h.householdNo, headName: h.headName, villageCode: h.villageCode, matchedBy: 'idNumber' });
    }
    if (q.name) {
      for (const h of await repo.searchByNamePart(actor.scope, q.name, 50)) if (!byId.has(h.id)) byId.set(h.id, { householdId: h.id, householdNo: h.householdNo, headName: h.headName, villageCode: h.villageCode, matchedBy: 'name' });
    }
    return [...byId.values()].sort((a, b) => a.householdNo.localeCompare(b.householdNo)).slice(0, 50);
  }
}

/** One household found by POST /households/search. */
export interface HouseholdMatch {
  householdId: number;
  householdNo: string;
  headName: string;
  villageCode: string;
  matchedBy: 'idNumber' | 'name';
}
