/**
 * Start-up shared by the server and the CLI: configuration → key → database → migrations → services.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig, type Config } from './config';
import { openDatabase, type Db } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { IdProtector, loadOrCreateMasterKey } from './crypto/id-protector';
import { createServices, type Services } from './container';
import { configError } from './errors';
import { configureParsing } from './intake/readers/parse-worker';
import { createLogger } from './logger';

/** The audit key file of a data folder. */
export const auditKeyFile = (dataDir: string) => join(dataDir, 'audit.key');
/** The audit checkpoint file of a data folder (append-only JSON lines, see AuditService.anchor). */
export const auditAnchorFile = (dataDir: string) => join(dataDir, 'audit-anchors.log');

export interface Runtime {
  config: Config;
  db: Db;
  services: Services;
  logger: pino.Logger;
  close(): Promise<void>;
}

/**
 * Opens everything. On PostgreSQL the ID key must be configured (ZX_ID_KEY): the server refuses to start
 * otherwise. On the embedded default the key is generated into the data folder with a warning.
 * @throws config_error
 */
export async function openRuntime(env: NodeJS.ProcessEnv = process.env, opts: { logger?: pino.Logger; notice?: (message: string) => void } = {}): Promise<Runtime> {
  const config = loadConfig(env);
  configureParsing({ workers: config.readerWorkers });
  // the data folder holds the key, the database and uploads: the owner only
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(config.dataDir, 0o700);
  const logger = opts.logger ?? createLogger(config.logLevel);
  const isPostgres = /^postgres(ql)?:\/\//.test(config.databaseUrl);
  if (isPostgres && !config.idKeyHex) throw configError('使用 PostgreSQL 时必须配置 ZX_ID_KEY(64位十六进制),否则身份证号无法受保护地存储');
  // several servers share one PostgreSQL database: a key generated per server would give each its own audit
  // chain key, and the chain would read as broken on every other server
  if (isPostgres && !config.auditKeyHex) throw configError('使用 PostgreSQL 时必须配置 ZX_AUDIT_KEY(64位十六进制),审计日志链的密钥须在各服务器间一致且不存于数据库');
  const key = loadOrCreateMasterKey(config.idKeyHex, join(config.dataDir, 'id.key'));
  // the key warning goes to the operator in plain text when a notice channel is given (CLI), else to the log
  const warn = (msg: string) => (opts.notice ? opts.notice(`注意:${msg}`) : logger.warn(msg));
  if (key.generated) warn(`已在数据目录生成身份证号加密密钥 ${join(config.dataDir, 'id.key')};生产环境请通过 ZX_ID_KEY 配置并妥善保管`);
  // a routine reminder: to the operator of the server (notice given), only at debug level for CLI commands
  else if (key.fromFile) {
    if (opts.notice) warn('身份证号加密密钥取自数据目录中的文件;生产环境请通过 ZX_ID_KEY 配置');
    else logger.debug('身份证号加密密钥取自数据目录中的文件;生产环境请通过 ZX_ID_KEY 配置');
  }
  // the audit chain's HMAC key lives beside the ID key, never in the database (issue 17 point 4)
  const auditKey = loadOrCreateMasterKey(config.auditKeyHex, auditKeyFile(config.dataDir));
  if (auditKey.generated) warn(`已在数据目录生成审计日志密钥 ${auditKeyFile(config.dataDir)};请与身份证号密钥一同妥善保管(生产环境可通过 ZX_AUDIT_KEY 配置)`);
  const db = openDatabase(config.databaseUrl);
  await migrateToLatest(db);
  const services = createServices(db, config, () => new Date(), new IdProtector(key.key), auditKey.key);
  return { config, db, services, logger, close: () => db.destroy() };
}
