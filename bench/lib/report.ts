/** Small helpers the benches share: timing, ratios, peak RSS and a Markdown table. Bench code only. */
import { readFileSync } from 'node:fs';

/** Runs `fn` once; returns its result and the wall-clock milliseconds. */
export async function timeIt<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const t = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - t };
}

/** `a / b` as "12.3×" (or "0.45×"). */
export function ratio(a: number, b: number): string {
  const r = a / b;
  return `${r >= 10 ? Math.round(r).toLocaleString() : r.toFixed(r >= 1 ? 1 : 2)}×`;
}

/** Peak resident set size of this process (VmHWM on Linux, else the current RSS). */
export function peakRss(): string {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return `${Math.round(Number(m[1]) / 1024)} MiB`;
  } catch {
    // not Linux
  }
  return `${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB (current)`;
}

/** A Markdown table. */
export function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
