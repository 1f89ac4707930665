/**
 * Readers of the indicator system's data files: the indicator sets (data/indicators/<set>.json, every file
 * but the reporting chain) validated by domain/indicators/definitions.ts, cached after the first read.
 * A refused file stops the load with its reasons (bad_file): a formula over an unknown measure or a cycle
 * between indicators never reaches a snapshot.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IndicatorSetError, loadIndicatorSet, registryMeasures, type IndicatorSet } from '../../domain/indicators/definitions';
import { badFile } from '../../errors';
import { DATA_DIR } from '../reference-files';

/** The folder of the indicator data files. */
export const INDICATOR_DIR = join(DATA_DIR, 'indicators');
/** The reporting chain's file in that folder (not an indicator set). */
export const REPORTING_FILE = 'reporting.json';

let cache: IndicatorSet[] | null = null;

/** Parses one set file's JSON. @throws bad_file naming the file and every reason */
export function parseIndicatorSet(file: string, text: string): IndicatorSet {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw badFile(`${file} 不是有效的 JSON:${(e as Error).message}`);
  }
  try {
    return loadIndicatorSet(file, raw, registryMeasures().map((m) => m.name));
  } catch (e) {
    if (e instanceof IndicatorSetError) throw badFile(e.message, { file, reasons: e.reasons });
    throw e;
  }
}

/** Every indicator set of data/indicators, by file name order. @throws bad_file */
export function readIndicatorSets(): IndicatorSet[] {
  if (cache) return cache;
  const files = readdirSync(INDICATOR_DIR).filter((f) => f.endsWith('.json') && f !== REPORTING_FILE).sort();
  return (cache = files.map((f) => parseIndicatorSet(`data/indicators/${f}`, readFileSync(join(INDICATOR_DIR, f), 'utf8'))));
}
