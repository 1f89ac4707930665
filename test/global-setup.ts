/**
 * Runs once before all test files: builds the web UI if it is missing or stale, so that browser tests
 * running in parallel never rebuild (and empty) dist/web under each other.
 */
import { ensureWebBuilt } from '../src/cli/commands/start';

export default async function setup(): Promise<void> {
  await ensureWebBuilt((s) => process.stderr.write(`${s}\n`));
}
