/**
 * Configuration, read once from the environment and checked by zod; fails fast with the variable's name.
 */
import { z } from 'zod';
import { join, resolve } from 'node:path';
import { configError } from './errors';
import { SIGN_IN_RATE_PER_ADDRESS_PER_MINUTE } from './domain/account-policy';
import { DEFAULT_READER_LIMITS, type ReaderLimits } from './intake/readers/limits';

const schema = z.object({
  /** Folder for the embedded database, the generated key and uploads. Default `.zhenxing` in the working directory. */
  ZX_DATA_DIR: z.string().default('.zhenxing'),
  /** `postgres://…` for PostgreSQL; default: SQLite file `<ZX_DATA_DIR>/zhenxing.db`. */
  DATABASE_URL: z.string().optional(),
  /**
   * Master key for ID numbers (64 hex characters = 32 bytes): HMAC-SHA-256 lookup hashes and AES-256-GCM
   * ciphertexts are derived from it. Required on PostgreSQL; on the embedded default it is generated into
   * `<ZX_DATA_DIR>/id.key` with a warning.
   */
  ZX_ID_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'ZX_ID_KEY 应为64位十六进制字符(32字节)').optional(),
  /**
   * HMAC key of the audit chain (64 hex characters), kept with ZX_ID_KEY and never in the database; when
   * absent it is generated into `<ZX_DATA_DIR>/audit.key`. `keys rotate` does not change it.
   */
  ZX_AUDIT_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'ZX_AUDIT_KEY 应为64位十六进制字符(32字节)').optional(),
  /** Minutes between checkpoints of the audit head appended to <ZX_DATA_DIR>/audit-anchors.log by the server (0: only at start and by `zhenxing audit anchor`). */
  ZX_AUDIT_ANCHOR_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(60),
  /** HTTP port and host. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Demo population size in persons for `zhenxing seed` and the first `npm start`. */
  ZX_SEED_PERSONS: z.coerce.number().int().min(0).max(20_000_000).default(100_000),
  /** Random seed of the demo population (same seed, same people). */
  ZX_SEED: z.coerce.number().int().default(20261129),
  /** Year shown and screened by default (the last complete income year). */
  ZX_DEFAULT_YEAR: z.coerce.number().int().min(2014).max(2100).default(2025),
  /** GeoJSON file of county boundaries supplied by the deploying bureau (approved standard map). */
  ZX_BOUNDARY_FILE: z.string().optional(),
  /** Screening parameters (percent): see src/server/domain/rules/parameters.ts. */
  ZX_RULE_NEAR_MARGIN_PERCENT: z.coerce.number().int().min(0).max(500).optional(),
  ZX_RULE_LARGE_FALL_PERCENT: z.coerce.number().int().min(1).max(100).optional(),
  ZX_RULE_MEDICAL_SHARE_PERCENT: z.coerce.number().int().min(1).max(1000).optional(),
  /** Sign-in attempts per client address per minute, whatever the user names (domain/account-policy.ts SIGN_IN_RATE_PER_ADDRESS_PER_MINUTE). */
  ZX_SIGN_IN_RATE_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(SIGN_IN_RATE_PER_ADDRESS_PER_MINUTE),
  /** 1: trust X-Forwarded-For from a reverse proxy in front of the server (the client address of throttling and the audit log). */
  ZX_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** 1: the session cookie is always marked Secure (set when a TLS proxy terminates HTTPS in front of the server). */
  ZX_COOKIE_SECURE: z.enum(['0', '1']).default('0'),
  /** Largest file accepted by the intake upload (multipart), in MB. */
  ZX_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(2048).default(200),
  /** Uploads not committed are deleted from <ZX_DATA_DIR>/uploads after this many hours (and at start-up). */
  ZX_UPLOAD_MAX_AGE_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(6),
  /** Upload readers (issue 17): rows of one sheet, columns of one row, characters of one cell, non-blank rows searched for the header. */
  ZX_READER_MAX_ROWS: z.coerce.number().int().min(1).max(50_000_000).default(DEFAULT_READER_LIMITS.maxRows),
  ZX_READER_MAX_COLUMNS: z.coerce.number().int().min(10).max(16_384).default(DEFAULT_READER_LIMITS.maxColumns),
  ZX_READER_MAX_CELL_CHARS: z.coerce.number().int().min(100).max(1_000_000).default(DEFAULT_READER_LIMITS.maxCellChars),
  ZX_READER_HEADER_SEARCH_ROWS: z.coerce.number().int().min(1).max(200).default(DEFAULT_READER_LIMITS.headerSearchRows),
  /** Heap of one parsing worker thread (MiB): a file that needs more is refused with bad_file FILE_TOO_COMPLEX. */
  ZX_READER_HEAP_MB: z.coerce.number().int().min(64).max(16_384).default(DEFAULT_READER_LIMITS.heapMb),
  /** Parsing worker threads at most at once (further uploads wait for a free one). */
  ZX_READER_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  /**
   * Seconds a signed-in session, its user and grants are reused from this process's memory before they
   * are read again (0: read on every request). Writes through this server drop them at once; this bounds
   * how late a revocation made by another server or the CLI is seen here (decision 0244).
   */
  ZX_SESSION_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Parsed configuration. `databaseUrl` is always set (SQLite path by default). */
export interface Config {
  dataDir: string;
  databaseUrl: string;
  idKeyHex: string | undefined;
  /** ZX_AUDIT_KEY (hex) or undefined (then the data folder's audit.key) */
  auditKeyHex: string | undefined;
  /** minutes between audit checkpoints written by the server (ZX_AUDIT_ANCHOR_MINUTES) */
  auditAnchorMinutes: number;
  port: number;
  host: string;
  seedPersons: number;
  seed: number;
  defaultYear: number;
  boundaryFile: string | undefined;
  ruleParameters: { nearThresholdMarginPercent?: number; largeFallPercent?: number; medicalSpendingSharePercent?: number };
  logLevel: string;
  /** sign-in attempts per client address per minute (ZX_SIGN_IN_RATE_PER_ADDRESS) */
  signInRatePerAddress: number;
  /** trust X-Forwarded-For (ZX_TRUST_PROXY=1) */
  trustProxy: boolean;
  /** session cookie always Secure (behind a TLS proxy); otherwise Secure only on direct HTTPS */
  cookieSecure: boolean;
  /** largest intake upload in bytes (ZX_UPLOAD_MAX_MB) */
  uploadMaxBytes: number;
  /** age after which an upload not committed is deleted, ms (ZX_UPLOAD_MAX_AGE_HOURS) */
  uploadMaxAgeMs: number;
  /** limits of the upload readers (ZX_READER_*) */
  readerLimits: ReaderLimits;
  /** parsing worker threads at most at once (ZX_READER_WORKERS) */
  readerWorkers: number;
  /** how long a session read from the database is reused in this process, ms (ZX_SESSION_CACHE_SECONDS; 0 = never) */
  sessionCacheMs: number;
}

/** Reads the configuration from `env`. Throws config_error naming the variable on bad values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw configError(`配置有误:${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(';')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.ZX_DATA_DIR);
  return {
    dataDir,
    databaseUrl: e.DATABASE_URL || join(dataDir, 'zhenxing.db'),
    idKeyHex: e.ZX_ID_KEY,
    auditKeyHex: e.ZX_AUDIT_KEY,
    auditAnchorMinutes: e.ZX_AUDIT_ANCHOR_MINUTES,
    port: e.PORT,
    host: e.HOST,
    seedPersons: e.ZX_SEED_PERSONS,
    seed: e.ZX_SEED,
    defaultYear: e.ZX_DEFAULT_YEAR,
    boundaryFile: e.ZX_BOUNDARY_FILE,
    ruleParameters: {
      nearThresholdMarginPercent: e.ZX_RULE_NEAR_MARGIN_PERCENT,
      largeFallPercent: e.ZX_RULE_LARGE_FALL_PERCENT,
      medicalSpendingSharePercent: e.ZX_RULE_MEDICAL_SHARE_PERCENT,
    },
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.ZX_COOKIE_SECURE === '1',
    signInRatePerAddress: e.ZX_SIGN_IN_RATE_PER_ADDRESS,
    trustProxy: e.ZX_TRUST_PROXY === '1',
    uploadMaxBytes: e.ZX_UPLOAD_MAX_MB * 1024 * 1024,
    uploadMaxAgeMs: Math.round(e.ZX_UPLOAD_MAX_AGE_HOURS * 3_600_000),
    readerLimits: { maxRows: e.ZX_READER_MAX_ROWS, maxColumns: e.ZX_READER_MAX_COLUMNS, maxCellChars: e.ZX_READER_MAX_CELL_CHARS, headerSearchRows: e.ZX_READER_HEADER_SEARCH_ROWS, heapMb: e.ZX_READER_HEAP_MB },
    readerWorkers: e.ZX_READER_WORKERS,
    sessionCacheMs: Math.round(e.ZX_SESSION_CACHE_SECONDS * 1000),
  };
}
