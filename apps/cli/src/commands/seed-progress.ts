/**
 * Progress of a seed run: a bar on a terminal, a plain line every tenth
 * otherwise (CI logs and pipes would fill up with bar redraws). Both go to
 * stderr, so stdout carries only the summary.
 */
import { Presets, SingleBar } from 'cli-progress';

export interface SeedProgress {
  advance(registered: boolean): void;
  stop(): void;
}

export function seedProgress(total: number, stream: NodeJS.WriteStream = process.stderr): SeedProgress {
  return stream.isTTY ? barProgress(total, stream) : lineProgress(total, stream);
}

function barProgress(total: number, stream: NodeJS.WriteStream): SeedProgress {
  const bar = new SingleBar(
    { stream, format: 'seed [{bar}] {percentage}% | {value}/{total} | {registered} new, {present} present | eta {eta_formatted}', hideCursor: true },
    Presets.shades_classic,
  );
  let registered = 0;
  bar.start(total, 0, { registered, present: 0 });
  let done = 0;
  return {
    advance(isNew) {
      done++;
      if (isNew) registered++;
      bar.update(done, { registered, present: done - registered });
    },
    stop: () => bar.stop(),
  };
}

function lineProgress(total: number, stream: NodeJS.WriteStream): SeedProgress {
  let done = 0;
  let reportedTenth = 0;
  return {
    advance() {
      done++;
      const tenth = Math.floor((done * 10) / total);
      if (tenth > reportedTenth) {
        reportedTenth = tenth;
        stream.write(`seed: ${done}/${total} (${tenth * 10}%)\n`);
      }
    },
    stop: () => undefined,
  };
}
