/**
 * Plain wiring: opens nothing itself; builds the services over a database, configuration, clock and ID
 * protector. Used by the HTTP app, the CLI and the tests alike.
 */
import type { Config } from './config';
import type { Db } from './db/connect';
import type { IdProtector } from './crypto/id-protector';
import type { Clock, ServiceContext } from './services/context';
import { HouseholdService } from './services/household.service';
import { RegionService } from './services/region.service';
import { PlaceService } from './services/place.service';
import { RegistryService } from './services/registry.service';
import { ScreeningService } from './services/screening.service';
import { SeedService } from './services/seed.service';
import { SummaryService } from './services/summary.service';
import { ThresholdService } from './services/threshold.service';
import { IntakeService } from './services/intake.service';
import { NationalExportService } from './services/national-export.service';
import { CheckService } from './services/check.service';
import { CaseService } from './services/case.service';
import { MeasureService } from './services/measure.service';
import { TimelinessService } from './services/timeliness.service';
import { AccountService } from './services/account.service';
import { AuditService } from './services/audit.service';
import { KeyRotationService } from './services/key-rotation.service';
import { PersonalDataService } from './services/personal-data.service';
import { ExportService } from './services/export.service';
import { ProcedureService } from './services/procedure.service';
import { IndicatorService } from './services/indicators/indicator.service';
import { ReportingService } from './services/indicators/reporting.service';
import { EvaluationService } from './services/evaluation/evaluation.service';
import { AnalysisService } from './services/evaluation/analysis.service';
import { EvaluationExportService } from './services/evaluation/evaluation-export.service';
import { registerAuditKey, registeredAuditKey } from './repositories/audit.repository';

export interface Services {
  ctx: ServiceContext;
  regions: RegionService;
  places: PlaceService;
  thresholds: ThresholdService;
  registry: RegistryService;
  households: HouseholdService;
  screening: ScreeningService;
  summary: SummaryService;
  seed: SeedService;
  intake: IntakeService;
  checks: CheckService;
  cases: CaseService;
  measures: MeasureService;
  timeliness: TimelinessService;
  accounts: AccountService;
  audit: AuditService;
  keys: KeyRotationService;
  personalData: PersonalDataService;
  exports: ExportService;
  /** the registry in the national system's five layouts (issue 8 item 4) */
  nationalExport: NationalExportService;
  procedures: ProcedureService;
  indicators: IndicatorService;
  reporting: ReportingService;
  evaluation: EvaluationService;
  analysis: AnalysisService;
  evaluationExports: EvaluationExportService;
}

/**
 * Builds every service over one context, and registers the audit key with the database handle (see
 * repositories/audit.repository.ts). `auditKey`: the server passes ZX_AUDIT_KEY or the data folder's
 * audit.key; without it, the key already registered for this database, else one derived from the ID key.
 */
export function createServices(db: Db, config: Config, clock: Clock, ids: IdProtector, auditKey?: Buffer): Services {
  const key = auditKey ?? registeredAuditKey(db) ?? ids.derivedAuditKey;
  registerAuditKey(db, key);
  const ctx: ServiceContext = { db, config, clock, ids, auditKey: key };
  return {
    ctx,
    regions: new RegionService(ctx),
    places: new PlaceService(ctx),
    thresholds: new ThresholdService(ctx),
    registry: new RegistryService(ctx),
    households: new HouseholdService(ctx),
    screening: new ScreeningService(ctx),
    summary: new SummaryService(ctx),
    seed: new SeedService(ctx),
    intake: new IntakeService(ctx),
    checks: new CheckService(ctx),
    cases: new CaseService(ctx),
    measures: new MeasureService(ctx),
    timeliness: new TimelinessService(ctx),
    accounts: new AccountService(ctx),
    audit: new AuditService(ctx),
    keys: new KeyRotationService(ctx),
    personalData: new PersonalDataService(ctx),
    exports: new ExportService(ctx),
    nationalExport: new NationalExportService(ctx),
    procedures: new ProcedureService(ctx),
    indicators: new IndicatorService(ctx),
    reporting: new ReportingService(ctx),
    evaluation: new EvaluationService(ctx),
    analysis: new AnalysisService(ctx),
    evaluationExports: new EvaluationExportService(ctx),
  };
}
