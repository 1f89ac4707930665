/**
 * Parameters of the demo-population generator, in one place. The targets they serve are listed with
 * their sources in data/seed-calibration.csv (`assumption for invented data` where there is no
 * published figure); the values below are the generator's knobs, tuned so that the generated
 * population meets those targets (measure with `npx tsx src/server/seed/measure.ts`). Shares are
 * probabilities (0–1); money in yuan per year at 2024 levels unless said (the generator converts to
 * integer fen); ages in whole years.
 */

/** Household size 1–8 persons: relative weights (index 0 = 1 person). Mean ≈ 3.8 persons. */
export const HOUSEHOLD_SIZE_WEIGHTS = [0.1, 0.16, 0.18, 0.22, 0.17, 0.1, 0.05, 0.02] as const;
/** Share of households of 4+ persons made of three generations (head, heir couple, grandchildren). */
export const THREE_GENERATION_SHARE = 0.5;
/** Share of other households of 3+ persons that also hold one or both of the head's parents. */
export const WITH_PARENTS_SHARE = 0.35;
/** Oldest age of the youngest child in a two-generation household without the head's parents. */
export const NUCLEAR_YOUNGEST_CHILD_MAX_AGE = 30;

/** Share of households of type 脱贫户 (liftedOutOfPoverty); the rest are 一般农户. */
export const LIFTED_SHARE = 0.45;

/** Health by age band: [maxAgeInclusive, P(disabled), P(seriousIllness), P(chronicIllness)]. */
export const HEALTH_BY_AGE: readonly (readonly [number, number, number, number])[] = [
  [15, 0.015, 0.003, 0.01],
  [44, 0.037, 0.007, 0.05],
  [49, 0.068, 0.015, 0.12],
  [59, 0.093, 0.022, 0.22],
  [69, 0.125, 0.032, 0.33],
  [79, 0.15, 0.036, 0.4],
  [200, 0.19, 0.04, 0.42],
];
/** Disability grade 1–4 (1 most severe): relative weights. */
export const DISABILITY_GRADE_WEIGHTS = [0.12, 0.2, 0.3, 0.38] as const;

/** Share of compulsory-age children (6–15 on 1 September) recorded as not in school. */
export const COMPULSORY_OUT_OF_SCHOOL = 0.002;

/** Among ordinary or skilled labour not migrating: share in local wage work (the others farm). */
export const LOCAL_WAGE_AMONG_NON_MIGRANTS = 0.65;

/** Share of newborns (age 0) not yet enrolled in basic medical insurance. */
export const UNINSURED_NEWBORN = 0.05;
/** Share of everyone else without basic medical insurance. */
export const UNINSURED_OTHER = 0.003;

/** Share of persons born in BAD_CHECK_MAX_BIRTH_YEAR or earlier given a wrong ID check character (≈0.3% of all persons). */
export const BAD_CHECK_AMONG_OLD = 0.0075;
/** Last birth year that can hold an upgraded first-generation (15-digit) number: aged 16 by 1999. */
export const BAD_CHECK_MAX_BIRTH_YEAR = 1983;

/** Share of persons (Han-style names) with a rare non-BMP character in the given name. */
export const RARE_CHAR_PERSON_SHARE = 0.0005;

/** Share of households living in a dangerous house (危房) before any monitoring. */
export const DANGEROUS_HOUSE_SHARE = 0.005;
/** Share of households without safe drinking water before any monitoring. */
export const UNSAFE_WATER_SHARE = 0.005;
/** Share of households with a sanitary toilet. */
export const SANITARY_TOILET_SHARE = 0.75;
/** Share of households whose access road is hardened. */
export const ROAD_HARDENED_SHARE = 0.95;
/** Share of households without electricity. */
export const NO_ELECTRICITY_SHARE = 0.0005;

/** Probability of being monitored, base part (before the household-type factor). */
export const MONITOR_BASE = 0.008;
/** Added per strong risk (serious illness, severe disability, no labour, dangerous house, unsafe water). */
export const MONITOR_PER_STRONG_RISK = 0.13;
/** Added per weak risk (chronic illness, mild disability, little labour, student costs, migrant work). */
export const MONITOR_PER_WEAK_RISK = 0.012;
/** Multiplier of the monitoring probability for 脱贫户. */
export const MONITOR_LIFTED_FACTOR = 1.3;
/** Multiplier of the monitoring probability for 一般农户. */
export const MONITOR_ORDINARY_FACTOR = 0.75;
/** Share eliminated among monitored households that may be (≥ 6 months, labour capacity, basic needs met). */
export const ELIMINATED_AMONG_ELIGIBLE = 0.9;
/** Earliest identification month (YYYY-MM). */
export const IDENTIFIED_FROM = '2021-06';
/** Latest identification month (YYYY-MM); the asOf month if earlier. */
export const IDENTIFIED_TO = '2025-10';

/** Base probability of dibao for a household (raised by illness, disability, no labour, open monitoring). */
export const DIBAO_BASE = 0.045;
/** Share on tekun among single persons without labour who are 60+ or severely disabled. */
export const TEKUN_AMONG_ELIGIBLE_SINGLES = 0.3;

/** Income parameters: yuan per year at 2024 levels; ranges are uniform [min, max]. */
export const INCOME = {
  /** Wage of a migrant worker over a full year (log-normal median, sigma); months worked 7–12. */
  migrantWageMedian: 46000,
  migrantWageSigma: 0.3,
  /** Wage of a local worker (县内务工) over a year (log-normal median, sigma). */
  localWageMedian: 20000,
  localWageSigma: 0.45,
  /** Multiplier for skilled labour. */
  skilledFactor: 1.3,
  /** Casual work of weak or half labour. */
  casualWage: [3000, 9000] as const,
  /** A public-welfare job (公益性岗位). */
  publicWelfareJob: 6000,
  /** Per-capita net income target (yuan per person): log-normal median by household type, and sigma. */
  liftedPerCapitaMedian: 15600,
  ordinaryPerCapitaMedian: 17800,
  perCapitaSigma: 0.33,
  /** Target multipliers: monitored households whose risk is not eliminated; households without labour. */
  openMonitoredFactor: 0.6,
  noLabourFactor: 0.85,
  /** Range of the factor that scales the wage earners' relative wages to meet the target. */
  wageScale: [0.5, 2.5] as const,
  /** Probability of business income and expenses recorded: households with a member farming, and others. */
  businessWithFarmer: 1,
  businessWithoutFarmer: 0.08,
  /** Gross business income before the farm makes up the target (log-normal median, sigma). */
  businessGrossMedian: 9000,
  businessGrossSigma: 0.8,
  /** Expenses as a share of gross business income in a normal year. */
  businessExpenseRatio: [0.3, 0.6] as const,
  /** Among business households: a loss (expenses above income), and a large failure (40,000–150,000 lost). */
  businessLossShare: 0.05,
  businessFailureShare: 0.0008,
  /** Property income: share of households with some, log-normal median and sigma. */
  propertyShare: 0.35,
  propertyMedian: 500,
  propertySigma: 0.8,
  /** Basic pension of a person 60+ in the resident scheme. */
  pensionPerElder: [1800, 2600] as const,
  /** Dibao paid per member of a dibao household. */
  dibaoPerPerson: [3000, 5500] as const,
  /** Tekun support per person. */
  tekunPerPerson: [9000, 13000] as const,
  /** Subsidy per person with disability grade 1–2. */
  severeDisabilitySubsidy: 1200,
  /** Support from children elsewhere (赡养费), per person 55+ (at least one) in a household with no labour. */
  elderSupport: [4000, 10000] as const,
  /** Farmland subsidy (耕地地力保护补贴) per mu; ecological compensation per mu of forest. */
  subsidyPerMuFarmland: 100,
  subsidyPerMuForest: 15,
  /** 雨露计划 support per vocational student of a 脱贫户. */
  yuluPerStudent: 3000,
  /** Year-on-year growth of wage and business income (normal mean, sd); transfers grow at a fixed rate. */
  growthMean: 0.075,
  growthSd: 0.05,
  transferGrowth: 0.03,
  /** Share of non-monitored households whose per-capita income falls by 30–60% from one year to the next. */
  bigFallShare: 0.024,
  /** Eliminated households are kept at least at this per-capita income (plus 0–2,000). */
  eliminatedFloor: 10500,
  /** Compliant out-of-pocket medical spending of a household with a seriously ill member (log-normal, capped 19,000), and the large cases. */
  oopMedian: 9000,
  oopSigma: 0.8,
  oopLargeShare: 0.12,
  oopLarge: [20000, 80000] as const,
} as const;
