/**
 * Data-quality checks over the registry (intake/checks/checks.ts) for a region: runs every check on every
 * household inside the scope, page by page, and returns the findings with the facts, per region, with
 * member names masked (and the facts of health checks withheld without personal.view). Runs on demand and after each import.
 */
import { notFound, unknownRegion } from '../errors';
import { RegionRepository } from '../repositories/region.repository';
import { CHECKS, runChecks, type CheckHousehold, type Finding } from '../intake/checks/checks';
import { maskName } from '../domain/masking';
import { HEALTH_CHECKS, WITHHELD } from '../presenters/intake.presenter';
import { seesPersonalData } from '../presenters/personal-data.presenter';
import { HouseholdRepository } from '../repositories/household.repository';
import { IntakeRepository } from '../repositories/intake.repository';
import { narrow, type Scope } from '../repositories/scope';
import type { Actor } from './actor';
import { today, type ServiceContext } from './context';
import { ThresholdService } from './threshold.service';

/** Result of a run: per check its count, the findings, and counts per county and village. */
export interface CheckReport {
  asOf: string;
  year: number;
  regionCode: string | null;
  households: number;
  checks: { id: string; zh: string; source: string; findings: number }[];
  findings: Finding[];
  byRegion: { regionCode: string; findings: number; households: number }[];
}

export class CheckService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Runs the checks inside the actor's scope, narrowed to `regionCode` when given.
   * @throws not_found when the region lies outside the scope
   */
  async run(actor: Actor, opts: { regionCode?: string; year?: number } = {}): Promise<CheckReport> {
    if (opts.regionCode && !(await new RegionRepository(this.ctx.db).get(opts.regionCode))) throw unknownRegion(opts.regionCode);
    const narrowed = narrow(actor.scope, opts.regionCode);
    if (!narrowed) throw notFound('该区域');
    const scope: Scope = narrowed;
    const year = opts.year ?? this.ctx.config.defaultYear;
    const asOf = today(this.ctx.clock);
    const hrepo = new HouseholdRepository(this.ctx.db);
    const irepo = new IntakeRepository(this.ctx.db);
    const threshold = await new ThresholdService(this.ctx).resolver();
    const findings: Finding[] = [];
    const health = seesPersonalData(actor);
    const perVillage = new Map<string, { findings: number; households: number }>();
    let households = 0;
    let after = 0;
    for (;;) {
      const ids = await hrepo.idsPage(scope, after, 1000);
      if (!ids.length) break;
      after = ids[ids.length - 1]!;
      const hs = await hrepo.getMany(scope, ids);
      const members = await hrepo.members(scope, ids);
      const facts = await irepo.facts(ids, year);
      const spells = new Map<number, { startMonth: string | null; monthlyWageFen: number | null }[]>();
      for (const w of await this.ctx.db.selectFrom('workSpell').select(['householdId', 'startMonth', 'monthlyWageFen']).where('householdId', 'in', ids).where('kind', '=', 'workSpell').orderBy('id').execute()) {
        spells.set(w.householdId, [...(spells.get(w.householdId) ?? []), { startMonth: w.startMonth, monthlyWageFen: w.monthlyWageFen === null ? null : Number(w.monthlyWageFen) }]);
      }
      const byH = new Map<number, typeof members>();
      for (const m of members) byH.set(m.householdId, [...(byH.get(m.householdId) ?? []), m]);
      for (const h of hs) {
        households++;
        const model: CheckHousehold = {
          householdId: h.id, householdNo: h.householdNo, countyCode: h.countyCode, villageCode: h.villageCode, householdType: h.householdType, monitoredCategory: h.monitoredCategory,
          riskTypes: h.riskTypes ? h.riskTypes.split(',') : [], identifiedMonth: h.identifiedMonth, riskEliminated: h.riskEliminated === 1, eliminationMode: h.eliminationMode, eliminatedMonth: h.eliminatedMonth,
          farmlandMu: Number(h.farmlandMu), forestMu: Number(h.forestMu), dangerousHouse: h.dangerousHouse === 1, distanceToRoadKm: h.distanceToRoadKm === null ? null : Number(h.distanceToRoadKm),
          safeDrinkingWater: h.safeDrinkingWater === 1, memberCount: h.memberCount, members: (byH.get(h.id) ?? []).map((m) => ({ ...m, workPlace: m.workPlace })),
          perCapitaNetIncomeFen: facts.get(h.id)?.perCapitaNetIncomeFen ?? null, thresholdFen: threshold(h.countyCode, year).valueFen, measures: null, workSpells: spells.get(h.id) ?? [],
        };
        const f = runChecks(model, asOf);
        const v = perVillage.get(h.villageCode) ?? { findings: 0, households: 0 };
        v.households++;
        v.findings += f.length;
        perVillage.set(h.villageCode, v);
        for (const x of f) findings.push({ ...x, member: x.member ? maskName(x.member) : null, facts: !health && HEALTH_CHECKS.has(x.checkId) ? WITHHELD : x.facts });
      }
    }
    const hsById = new Map<number, { householdNo: string; countyCode: string; villageCode: string }>();
    const several = await irepo.personsInSeveralHouseholds(scope);
    for (const ids of several.values()) {
      const hs = await hrepo.getMany(scope, ids);
      for (const h of hs) hsById.set(h.id, h);
      for (const h of hs) findings.push({ checkId: 'Q01', householdId: h.id, householdNo: h.householdNo, countyCode: h.countyCode, villageCode: h.villageCode, member: null, facts: `同一身份证号还登记在户 ${hs.filter((x) => x.id !== h.id).map((x) => x.householdNo).join('、')}` });
    }
    findings.sort((a, b) => a.checkId.localeCompare(b.checkId) || a.householdNo.localeCompare(b.householdNo));
    const byRegion = new Map<string, { findings: number; households: number }>();
    for (const [code, v] of perVillage) {
      for (const key of [code.slice(0, 6), code]) {
        const r = byRegion.get(key) ?? { findings: 0, households: 0 };
        r.findings += v.findings;
        r.households += v.households;
        byRegion.set(key, r);
      }
    }
    return {
      asOf, year, regionCode: scope.regionCode, households,
      checks: CHECKS.map((c) => ({ id: c.id, zh: c.zh, source: c.source, findings: findings.filter((f) => f.checkId === c.id).length })),
      findings,
      byRegion: [...byRegion.entries()].map(([regionCode, v]) => ({ regionCode, ...v })).sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
    };
  }
}
