/**
 * Starts the real server for browser tests: a fresh embedded database in a temporary folder, the
 * reference data, a small invented population (5,000 persons), the built web UI, on a free port.
 * `ZX_E2E_BASE_URL` points the tests at a server already running instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/server/app';
import { openRuntime } from '../../src/server/bootstrap';
import { ensureWebBuilt } from '../../src/cli/commands/start';
import { systemActor, type Role } from '../../src/server/services/actor';
import { NATIONAL_SCOPE } from '../../src/server/repositories/scope';
import { head, household, idNumber, income } from '../fixtures/registry';

/** A user of the browser tests: signs in with this password, no forced change. */
export interface E2eUser {
  username: string;
  password: string;
  regionCode: string | null;
}

/**
 * The server under test, a national user and a county user (created through the services with a known
 * password and no forced change), and the id of a household in another county than the county user's.
 * With ZX_E2E_BASE_URL the users come from ZX_E2E_USERNAME / ZX_E2E_PASSWORD (national) and
 * ZX_E2E_COUNTY_USERNAME / ZX_E2E_COUNTY_PASSWORD / ZX_E2E_COUNTY / ZX_E2E_FOREIGN_HOUSEHOLD, and the intake user
 * from ZX_E2E_INTAKE_USERNAME / ZX_E2E_INTAKE_PASSWORD.
 */
export interface E2eServer {
  url: string;
  national: E2eUser;
  county: E2eUser;
  /** a data-entry user of 从江县 522633 (the intake fixtures' county) who may import and export its problem lists */
  intake: E2eUser;
  /** a village cadre (villageCadre) of the village of a demo case awaiting verification; null without demo cases */
  village: E2eUser | null;
  foreignHouseholdId: number;
  close: () => Promise<void>;
}

export const E2E_PASSWORD = 'E2e-Passw0rd-2026';

/**
 * @param opts.demoCases demo cases the seed walks (issue 16; default 0, so that tests counting cases
 *   count their own): with some, a village cadre user of a village with a case awaiting verification
 */
export async function startE2eServer(opts: { demoCases?: number } = {}): Promise<E2eServer> {
  if (process.env.ZX_E2E_BASE_URL) {
    const env = process.env;
    return {
      url: env.ZX_E2E_BASE_URL!.replace(/\/$/, ''),
      national: { username: env.ZX_E2E_USERNAME ?? '', password: env.ZX_E2E_PASSWORD ?? '', regionCode: null },
      county: { username: env.ZX_E2E_COUNTY_USERNAME ?? '', password: env.ZX_E2E_COUNTY_PASSWORD ?? '', regionCode: env.ZX_E2E_COUNTY ?? '' },
      intake: { username: env.ZX_E2E_INTAKE_USERNAME ?? '', password: env.ZX_E2E_INTAKE_PASSWORD ?? '', regionCode: '522633' },
      village: env.ZX_E2E_VILLAGE_USERNAME ? { username: env.ZX_E2E_VILLAGE_USERNAME, password: env.ZX_E2E_VILLAGE_PASSWORD ?? '', regionCode: env.ZX_E2E_VILLAGE ?? '' } : null,
      foreignHouseholdId: Number(env.ZX_E2E_FOREIGN_HOUSEHOLD ?? 0),
      close: async () => {},
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'zhenxing-e2e-'));
  const rt = await openRuntime({ ...process.env, DATABASE_URL: '', ZX_DATA_DIR: dir, LOG_LEVEL: 'silent', ZX_ID_KEY: '11'.repeat(32) });
  await rt.services.regions.ensureReferenceData();
  await rt.services.seed.seed({ persons: 5000, seed: 7, demoCases: opts.demoCases ?? 0 });
  const [a, b] = await rt.db.selectFrom('household').select('countyCode').distinct().orderBy('countyCode').limit(2).execute();
  if (!a || !b) throw new Error('e2e seed produced fewer than two counties');
  const foreign = await rt.db.selectFrom('household').select('id').where('countyCode', '=', b.countyCode).orderBy('id').limit(1).executeTakeFirstOrThrow();
  const mk = async (username: string, regionCode: string | null, roles: Role[]): Promise<E2eUser> => {
    await rt.services.accounts.createUser(systemActor('e2e'), { username, regionCode, roles }, { password: E2E_PASSWORD, mustChangePassword: false });
    return { username, password: E2E_PASSWORD, regionCode };
  };
  const national = await mk('e2e.national', null, ['admin', 'reviewer', 'countyApprover']);
  const county = await mk('e2e.county', a.countyCode, ['dataEntry', 'reviewer']);
  const intake = await mk('e2e.intake', '522633', ['dataEntry', 'reviewer']);
  // a village cadre's day: a village with an enrolled household awaiting its first measure, and a case
  // awaiting the village's verification (opened here for another household of the village)
  const enrolled = await rt.db.selectFrom('monitoringCase').select(['villageCode', 'householdId']).where('state', '=', 'enrolled').where('firstMeasureOn', 'is', null).orderBy('id').limit(1).executeTakeFirst();
  let village: E2eUser | null = null;
  if (enrolled) {
    village = await mk('e2e.village', enrolled.villageCode, ['villageCadre']);
    // an invented household of the village (format-valid ID number, never a real person) asks for help
    const county = enrolled.villageCode.slice(0, 6);
    const reg = await rt.services.registry.registerHouseholds(NATIONAL_SCOPE, [
      household(`${enrolled.villageCode}9001`, enrolled.villageCode, [head({ idNumber: idNumber(county, '19700315', 901), name: '韦新户' })], [income(2025, 500_000)]),
    ]);
    const other = { id: reg.ids.get(`${enrolled.villageCode}9001`)! };
    const cadre = { ...systemActor('e2e.village'), level: 'village' as const, regionCode: enrolled.villageCode, roles: ['villageCadre' as Role], scope: { regionCode: enrolled.villageCode } };
    await rt.services.cases.openCase(cadre, { householdId: other.id, kind: 'identification', origin: 'selfReport', clueDate: new Date().toISOString().slice(0, 10), note: '农户申请(演示)' });
  }
  await ensureWebBuilt(() => {});
  const app = await buildApp(rt.services, { logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    national,
    county,
    intake,
    village,
    foreignHouseholdId: foreign.id,
    close: async () => {
      await app.close();
      await rt.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
