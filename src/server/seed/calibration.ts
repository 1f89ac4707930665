/**
 * Parameters of the demo-population generator, in one place. Each target is listed with its source in
 * data/seed-calibration.csv (`assumption for invented data` where there is no published figure); the
 * probabilities below are the generator's knobs, tuned so that the generated population meets those
 * targets (measure with `npx tsx src/server/seed/measure.ts`). Money in yuan at 2024 levels unless
 * said; the generator converts to integer fen.
 */

/** Household size 1–8 (persons): relative weights. Mean ≈ 3.8. */
export const HOUSEHOLD_SIZE_WEIGHTS = [0.1, 0.16, 0.18, 0.22, 0.17, 0.1, 0.05, 0.02] as const;

/** Composition: share of 4+ person households with three generations; of nuclear ones with the head's parents; the oldest age of the youngest child. */
export const THREE_GENERATION_SHARE = 0.5;
export const WITH_PARENTS_SHARE = 0.35;
export const NUCLEAR_YOUNGEST_CHILD_MAX_AGE = 30;

/** Share of households of type 脱贫户 (liftedOutOfPoverty); the rest are 一般农户. */
export const LIFTED_SHARE = 0.45;

/** Health by age band: [maxAgeInclusive, disabled, seriousIllness, chronicIllness] probabilities. */
export const HEALTH_BY_AGE: readonly (readonly [number, number, number, number])[] = [
  [15, 0.015, 0.003, 0.01],
  [44, 0.037, 0.007, 0.05],
  [49, 0.068, 0.015, 0.12],
  [59, 0.093, 0.022, 0.22],
  [69, 0.125, 0.032, 0.33],
  [79, 0.16, 0.036, 0.4],
  [200, 0.21, 0.04, 0.42],
];
/** Disability grade 1–4 (1 most severe): relative weights. */
export const DISABILITY_GRADE_WEIGHTS = [0.12, 0.2, 0.3, 0.38] as const;

/** Compulsory-age children (6–15 on 1 September) recorded as not in school. */
export const COMPULSORY_OUT_OF_SCHOOL = 0.002;

/** Among ordinary or skilled labour not migrating: share in local wage work (the others farm). */
export const LOCAL_WAGE_AMONG_NON_MIGRANTS = 0.5;

/** Persons with no basic medical insurance: newborns (age 0) and everyone else. */
export const UNINSURED_NEWBORN = 0.05;
export const UNINSURED_OTHER = 0.003;

/** Persons with a deliberately wrong check character, among those born 1983 or earlier (see generator). */
export const BAD_CHECK_AMONG_OLD = 0.0068;
/** Last birth year that can hold an upgraded first-generation (15-digit) number. */
export const BAD_CHECK_MAX_BIRTH_YEAR = 1983;

/** Persons with a rare non-BMP character in their name. */
export const RARE_CHAR_PERSON_SHARE = 0.0005;

/** Household conditions. */
export const DANGEROUS_HOUSE_SHARE = 0.005;
export const UNSAFE_WATER_SHARE = 0.005;
export const SANITARY_TOILET_SHARE = 0.75;
export const ROAD_HARDENED_SHARE = 0.95;
export const NO_ELECTRICITY_SHARE = 0.0005;

/** Monitoring: base odds and what raises them (probability of being a monitored household). */
export const MONITOR_BASE = 0.012;
export const MONITOR_PER_STRONG_RISK = 0.2;
export const MONITOR_PER_WEAK_RISK = 0.02;
export const MONITOR_LIFTED_FACTOR = 1.3;
export const MONITOR_ORDINARY_FACTOR = 0.75;
/** Among monitored households that may be eliminated (≥ 6 months, labour capacity, basic needs met). */
export const ELIMINATED_AMONG_ELIGIBLE = 0.75;
/** Earliest and latest identification month (YYYY-MM). */
export const IDENTIFIED_FROM = '2021-06';
export const IDENTIFIED_TO = '2025-10';

/** Social assistance. */
export const DIBAO_BASE = 0.045;
export const TEKUN_AMONG_ELIGIBLE_SINGLES = 0.3;

/** Income (yuan per year, 2024 levels). */
export const INCOME = {
  /** Wage of a migrant worker over a full year: log-normal median and sigma. */
  migrantWageMedian: 46000,
  migrantWageSigma: 0.3,
  /** Wage of a local worker (县内务工) over a year. */
  localWageMedian: 20000,
  localWageSigma: 0.45,
  /** Multiplier for skilled labour. */
  skilledFactor: 1.3,
  /** Casual work of weak or half labour, uniform range. */
  casualWage: [3000, 9000] as const,
  /** A public-welfare job (公益性岗位): yuan per year. */
  publicWelfareJob: 6000,
  /** Per-capita net income target (yuan per person, 2024 level): log-normal median by household type, and sigma. */
  liftedPerCapitaMedian: 15600,
  ordinaryPerCapitaMedian: 17800,
  perCapitaSigma: 0.33,
  /** Target multipliers: monitored households whose risk is not eliminated; households without labour. */
  openMonitoredFactor: 0.6,
  noLabourFactor: 0.75,
  /** Range of the factor that scales the wage earners' relative wages to meet the target. */
  wageScale: [0.5, 2.5] as const,
  /** Probability of business income and expenses recorded: households with a member farming, and others. */
  businessWithFarmer: 1,
  businessWithoutFarmer: 0.1,
  businessGrossMedian: 9000,
  businessGrossSigma: 0.8,
  /** Among business households: a loss (expenses above income), and a large failure. */
  businessLossShare: 0.05,
  businessFailureShare: 0.0008,
  /** Property income: share of households with some, median and sigma. */
  propertyShare: 0.35,
  propertyMedian: 500,
  propertySigma: 0.8,
  /** Transfers. */
  pensionPerElder: [1800, 2600] as const,
  dibaoPerPerson: [3000, 5500] as const,
  tekunPerPerson: [9000, 13000] as const,
  severeDisabilitySubsidy: 1200,
  /** Support from children elsewhere (赡养费), per person 55+ in a household with no labour. */
  elderSupport: [2500, 7000] as const,
  subsidyPerMuFarmland: 100,
  subsidyPerMuForest: 15,
  yuluPerStudent: 3000,
  /** Year-on-year growth (mean, sd) of wage and business income; transfers grow at a fixed rate. */
  growthMean: 0.065,
  growthSd: 0.05,
  transferGrowth: 0.03,
  /** Share of non-monitored households whose income falls by 30–60% from one year to the next. */
  bigFallShare: 0.02,
  /** Eliminated households are kept at least at this per-capita income (2024 level). */
  eliminatedFloor: 10500,
  /** Compliant out-of-pocket medical spending of a household with a seriously ill member. */
  oopMedian: 9000,
  oopSigma: 0.8,
  oopLargeShare: 0.12,
  oopLarge: [20000, 80000] as const,
} as const;
