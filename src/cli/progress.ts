/**
 * Progress bars on stderr (cli-progress), silent when `quiet` (for --json output) or not a TTY-less CI
 * log flood: in a non-TTY it prints a line per 10%.
 */
import cliProgress from 'cli-progress';

export interface Bar {
  update(done: number, total: number): void;
  stop(): void;
}

/** A progress bar labelled in Chinese; no output at all when quiet. */
export function progressBar(label: string, quiet = false): Bar {
  if (quiet) return { update() {}, stop() {} };
  if (!process.stderr.isTTY) {
    let lastTenth = -1;
    return {
      update(done, total) {
        // a line each time another tenth is crossed, with the real percentage (5,749 of 100,000 is 5%, not 0%)
        const tenth = total ? Math.floor((done / total) * 10) : 10;
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          const pct = total ? Math.min(100, Math.floor((done / total) * 100)) : 100;
          process.stderr.write(`${label} ${pct}% (${done}/${total})\n`);
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(Math.min(done, total));
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
