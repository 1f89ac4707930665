/**
 * `zhenxing start` (npm start): the server with the embedded database. On first run it loads the
 * reference data and generates the demo population; it builds the web UI when dist/web is missing or
 * older than src/web; then it listens and prints the URL.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { buildApp, WEB_DIST } from '../../server/app';
import { auditAnchorFile, openRuntime, type Runtime } from '../../server/bootstrap';
import { systemActor } from '../../server/services/actor';
import { DATA_DIR } from '../../server/services/reference-files';
import { progressBar } from '../progress';
import { warmParsing } from '../../server/intake/readers/parse-worker';

function newestMtime(dir: string): number {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return max;
}

/** Builds the web UI with Vite when it is missing or stale. */
export async function ensureWebBuilt(log: (s: string) => void): Promise<void> {
  const index = join(WEB_DIST, 'index.html');
  const src = join(DATA_DIR, '../src');
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(newestMtime(join(src, 'web')), newestMtime(join(src, 'shared')))) return;
  log('正在构建网页界面(首次约需半分钟)…');
  await build({ configFile: join(DATA_DIR, '../vite.config.ts'), logLevel: 'warn' });
}

/**
 * On the embedded default, the first start creates the first administrator (national, user name
 * `admin`) and prints its one-time password, so that the README's first command leads to the
 * dashboard. On PostgreSQL nothing is created: the operator runs `zhenxing user create --admin`.
 */
export async function ensureFirstAdmin(rt: Runtime, log: (s: string) => void): Promise<void> {
  if ((await rt.services.accounts.userCount()) > 0) return;
  if (/^postgres(ql)?:\/\//.test(rt.config.databaseUrl)) {
    log('尚无用户:请用 `npx zhenxing user create --admin --username 用户名` 创建第一个管理员');
    return;
  }
  const { user, oneTimePassword } = await rt.services.accounts.createUser(systemActor('first-start'), { username: 'admin', displayName: '系统管理员', regionCode: null, roles: ['admin', 'reviewer', 'countyApprover'] });
  log(`\n首次启动:已创建管理员账号\n  用户名:${user.username}\n  一次性密码:${oneTimePassword}\n首次登录后须修改密码;此密码只显示这一次。\n`);
}

/**
 * Checkpoints of the audit head outside the database (issue 17 point 4): one at start, then every
 * ZX_AUDIT_ANCHOR_MINUTES when the log grew. Returns the timer.
 */
export function startAuditAnchoring(rt: Runtime, log: (s: string) => void): NodeJS.Timeout | undefined {
  const file = auditAnchorFile(rt.config.dataDir);
  let last = -1;
  const take = async () => {
    const count = await rt.services.audit.headCount();
    if (count === last) return;
    await rt.services.audit.anchor(file);
    last = count;
  };
  take().catch((e: unknown) => log(`审计检查点写入失败:${(e as Error).message}`));
  if (!rt.config.auditAnchorMinutes) return undefined;
  const t = setInterval(() => void take().catch((e: unknown) => rt.logger.error({ err: e }, 'audit checkpoint failed')), rt.config.auditAnchorMinutes * 60_000);
  t.unref();
  return t;
}

export async function startCommand(): Promise<void> {
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const rt = await openRuntime(process.env, { notice: log });
  const ref = await rt.services.regions.ensureReferenceData();
  if (ref) log(`已载入区划 ${ref.regions} 个、国家重点帮扶县 ${ref.national.rows} 个(共160个)、省级重点帮扶县 ${ref.provincial.rows} 个、监测范围 ${ref.thresholds} 条`);
  if (!(await rt.services.seed.isSeeded()) && rt.config.seedPersons > 0) {
    log(`首次运行:正在生成约 ${rt.config.seedPersons} 名虚构人员的演示数据(所有人员均为虚构)…`);
    const bar = progressBar('生成演示人口');
    const sbar = progressBar('风险筛查');
    const r = await rt.services.seed.seed({ persons: rt.config.seedPersons, seed: rt.config.seed, onProgress: (d, t) => bar.update(d, t), onScreenProgress: (d, t) => sbar.update(d, t) });
    bar.stop();
    sbar.stop();
    log(`演示数据已生成:${r.counties} 个县、${r.households} 户、${r.persons} 人,用时 ${(r.millis / 1000).toFixed(1)} 秒`);
  }
  // results are derived data: after an upgrade that changed their storage (issue 15) they are written again
  for (const year of await rt.services.screening.unscreenedYears()) {
    log(`${year} 年尚无筛查结果:正在筛查…`);
    const r = await rt.services.screening.screen({ year });
    log(`${year} 年筛查完成:${r.households} 户,其中 ${r.flagged} 户被规则标记,用时 ${(r.millis / 1000).toFixed(1)} 秒`);
  }
  await ensureFirstAdmin(rt, log);
  await ensureWebBuilt(log);
  // the first parsing worker starts now, so that the first upload does not wait for it
  warmParsing(rt.config.readerLimits);
  const app = await buildApp(rt.services, { logger: rt.logger });
  const address = await app.listen({ port: rt.config.port, host: rt.config.host });
  const anchors = startAuditAnchoring(rt, log);
  const shutdown = async () => {
    clearInterval(anchors);
    await app.close();
    await rt.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  log(`\n振兴已启动:${address.replace('127.0.0.1', 'localhost')}/   (API 文档:${address}/api/docs)\n`);
  console.log(`${address.replace('127.0.0.1', 'localhost')}/`);
}
