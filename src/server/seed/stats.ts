/**
 * Measures a generated population against the calibration targets (data/seed-calibration.csv). Pure:
 * feed it households one by one, then read the summary. Used by measure.ts and by the tests.
 */
import type { HouseholdData } from '../../shared/registry';
import { ageOn, checkIdNumber } from '../domain/id-number';

/** Running totals over households; call {@link PopulationStats.add} for each, then {@link PopulationStats.summary}. */
export class PopulationStats {
  /** Households added so far. */
  households = 0;
  /** Persons (members) added so far. */
  persons = 0;
  private sizeCounts = new Array<number>(9).fill(0);
  private c: Record<string, number> = {};
  private money: Record<string, number> = {};
  private readonly schoolDay: string;
  /** Per-capita net income (yuan) of each household in the last year, by type, for percentiles. */
  private pcLast: Record<'lifted' | 'ordinary', number[]> = { lifted: [], ordinary: [] };

  /**
   * @param asOf reference date of the run (ISO)
   * @param years income years of the run; the last two are compared for falls
   * @param thresholdsYuan per-capita thresholds (yuan per person per year) to count households below
   */
  constructor(private readonly asOf: string, private readonly years: number[], private readonly thresholdsYuan: number[] = [7000, 7300, 8700]) {
    this.schoolDay = `${asOf.slice(0, 4)}-09-01`;
  }

  private inc(key: string, by = 1): void {
    this.c[key] = (this.c[key] ?? 0) + by;
  }
  private addMoney(key: string, fen: number): void {
    this.money[key] = (this.money[key] ?? 0) + fen;
  }

  /** Adds one household. `checkIds` runs the full ID check on each member (slower). */
  add(h: HouseholdData, checkIds = true): void {
    const n = h.members.length;
    this.households++;
    this.persons += n;
    this.sizeCounts[Math.min(8, n)]!++;
    const lifted = h.householdType === 'liftedOutOfPoverty';
    this.inc(lifted ? 'hh.lifted' : 'hh.ordinary');
    if (lifted) this.inc('p.lifted', n);
    else this.inc('p.ordinary', n);
    if (h.monitoredCategory) {
      this.inc('hh.monitored');
      this.inc(`hh.monitored.${h.monitoredCategory}`);
      if (h.riskEliminated) this.inc('hh.eliminated');
    }
    if (h.dangerousHouse) this.inc('hh.dangerousHouse');
    if (!h.safeDrinkingWater) this.inc('hh.unsafeWater');
    let dibao = false;
    let serious = false;
    let uninsured = false;
    for (const p of h.members) {
      if (checkIds) {
        const r = checkIdNumber(p.idNumber, this.asOf);
        if (r.status === 'checkFailed') this.inc('p.badCheck');
        const age = r.birthDate ? ageOn(r.birthDate, this.asOf) : -1;
        if (age >= 60) this.inc('p.age60plus');
        if (age < 16) this.inc('p.under16');
        const sAge = r.birthDate ? ageOn(r.birthDate, this.schoolDay) : -1;
        if (sAge >= 6 && sAge <= 15) {
          this.inc('p.compulsoryAge');
          if (p.schoolStage === 'notInSchool') this.inc('p.compulsoryOut');
        }
      }
      if (p.healthStatus === 'disabled') this.inc('p.disabled');
      if (p.healthStatus === 'seriousIllness') {
        this.inc('p.serious');
        serious = true;
      }
      if (p.healthStatus === 'chronicIllness') this.inc('p.chronic');
      if (!p.residentMedicalInsurance && !p.employeeMedicalInsurance) {
        this.inc('p.uninsured');
        uninsured = true;
      }
      if (p.dibao) dibao = true;
      if (p.tekun) this.inc('p.tekun');
      if (p.sex === 'male') this.inc('p.male');
      if (p.labourSkill === 'ordinary' || p.labourSkill === 'skilled') this.inc('p.labour');
      if (p.name.includes('·')) this.inc('p.dotName');
      if (/[\u{10000}-\u{10FFFF}]/u.test(p.name)) this.inc('p.nonBmpName');
    }
    if (dibao) this.inc('hh.dibao');
    if (serious) this.inc('hh.serious');
    if (uninsured) this.inc('hh.uninsured');
    const last = this.years[this.years.length - 1];
    const prevYear = this.years[this.years.length - 2];
    let prevPc: number | null = null;
    let lastPc: number | null = null;
    for (const inc of h.incomes) {
      const net = inc.wageFen + inc.businessIncomeFen - inc.businessExpensesFen + inc.propertyFen + inc.transferFen;
      const gross = inc.wageFen + inc.businessIncomeFen + inc.propertyFen + inc.transferFen;
      const pc = net / n;
      const k = `${inc.year}.${lifted ? 'lifted' : 'ordinary'}`;
      this.addMoney(`net.${k}`, net);
      this.addMoney(`gross.${k}`, gross);
      this.addMoney(`wage.${k}`, inc.wageFen);
      this.addMoney(`transfer.${k}`, inc.transferFen);
      this.addMoney(`bizNet.${k}`, inc.businessIncomeFen - inc.businessExpensesFen);
      if (inc.businessIncomeFen > 0 || inc.businessExpensesFen > 0) this.inc(`hh.business.${inc.year}`);
      if (net < 0) this.inc(`hh.negativeNet.${inc.year}`);
      if (inc.compliantOutOfPocketFen > 0 && serious) this.inc(`hh.seriousWithOop.${inc.year}`);
      if (inc.compliantOutOfPocketFen >= 2_000_000) this.inc(`hh.oopLarge.${inc.year}`);
      for (const t of this.thresholdsYuan) if (pc < t * 100) this.inc(`hh.below${t}.${inc.year}`);
      if (inc.year === last) {
        lastPc = pc;
        this.pcLast[lifted ? 'lifted' : 'ordinary'].push(pc / 100);
      }
      if (inc.year === prevYear) prevPc = pc;
    }
    if (prevPc !== null && lastPc !== null && prevPc > 0) {
      const fall = (prevPc - lastPc) / prevPc;
      if (fall >= 0.3) this.inc('hh.fall30');
    }
  }

  /** Rows of [quantity, measured value] for printing. Shares are fractions; money in yuan. */
  summary(): [string, number][] {
    const c = (k: string): number => this.c[k] ?? 0;
    const m = (k: string): number => this.money[k] ?? 0;
    const H = this.households;
    const P = this.persons;
    const rows: [string, number][] = [
      ['persons', P],
      ['households', H],
      ['mean household size', P / H],
      ...this.sizeCounts.slice(1).map((x, i): [string, number] => [`share of households of size ${i + 1}`, x / H]),
      ['share of persons male', c('p.male') / P],
      ['share of persons under 16', c('p.under16') / P],
      ['share of persons 60+', c('p.age60plus') / P],
      ['share of persons disabled', c('p.disabled') / P],
      ['share of persons seriously ill', c('p.serious') / P],
      ['share of persons chronically ill', c('p.chronic') / P],
      ['share of persons ordinary or skilled labour', c('p.labour') / P],
      ['share of persons without basic medical insurance', c('p.uninsured') / P],
      ['share of households with an uninsured member', c('hh.uninsured') / H],
      ['share of compulsory-age children not in school', c('p.compulsoryOut') / Math.max(1, c('p.compulsoryAge'))],
      ['share of persons with a wrong ID check character', c('p.badCheck') / P],
      ['persons with a middle-dot name', c('p.dotName')],
      ['persons with a non-BMP character in the name', c('p.nonBmpName')],
      ['share of households lifted out of poverty', c('hh.lifted') / H],
      ['share of households on dibao', c('hh.dibao') / H],
      ['persons on tekun', c('p.tekun')],
      ['share of households monitored', c('hh.monitored') / H],
      ['share of monitored: unstableLifted', c('hh.monitored.unstableLifted') / Math.max(1, c('hh.monitored'))],
      ['share of monitored: marginalVulnerable', c('hh.monitored.marginalVulnerable') / Math.max(1, c('hh.monitored'))],
      ['share of monitored: suddenHardship', c('hh.monitored.suddenHardship') / Math.max(1, c('hh.monitored'))],
      ['share of monitored with risk eliminated', c('hh.eliminated') / Math.max(1, c('hh.monitored'))],
      ['share of households with a dangerous house', c('hh.dangerousHouse') / H],
      ['share of households without safe drinking water', c('hh.unsafeWater') / H],
      ['share of households with a seriously ill member', c('hh.serious') / H],
    ];
    for (const y of this.years) {
      for (const t of ['lifted', 'ordinary'] as const) {
        const persons = c(`p.${t}`);
        rows.push([`${y} ${t}: per-capita net income (yuan, persons-weighted)`, m(`net.${y}.${t}`) / 100 / Math.max(1, persons)]);
        rows.push([`${y} ${t}: wage share of total (gross) income`, m(`wage.${y}.${t}`) / Math.max(1, m(`gross.${y}.${t}`))]);
        rows.push([`${y} ${t}: wage share of net income`, m(`wage.${y}.${t}`) / Math.max(1, m(`net.${y}.${t}`))]);
        rows.push([`${y} ${t}: transfer share of net income`, m(`transfer.${y}.${t}`) / Math.max(1, m(`net.${y}.${t}`))]);
      }
      rows.push([`${y}: share of households with business income/expenses`, c(`hh.business.${y}`) / H]);
      rows.push([`${y}: households with negative net income`, c(`hh.negativeNet.${y}`)]);
      for (const t of this.thresholdsYuan) rows.push([`${y}: share of households below ${t} yuan per capita`, c(`hh.below${t}.${y}`) / H]);
      rows.push([`${y}: share of serious-illness households with out-of-pocket > 0`, c(`hh.seriousWithOop.${y}`) / Math.max(1, c('hh.serious'))]);
      rows.push([`${y}: households with out-of-pocket ≥ 20,000 yuan`, c(`hh.oopLarge.${y}`)]);
    }
    for (const t of ['lifted', 'ordinary'] as const) {
      const v = this.pcLast[t].slice().sort((a, b) => a - b);
      for (const q of [0.05, 0.1, 0.25, 0.5, 0.75, 0.9]) rows.push([`${this.years[this.years.length - 1]} ${t}: per-capita net income p${q * 100} (yuan)`, v[Math.floor(q * (v.length - 1))] ?? 0]);
    }
    rows.push(['share of households whose per-capita income fell ≥ 30% in the last year', c('hh.fall30') / H]);
    return rows;
  }
}
