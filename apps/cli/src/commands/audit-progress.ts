/**
 * Progress of an audit operation: a bar on a terminal, a plain line every
 * tenth otherwise (logs and pipes would fill with redraws). Both on stderr,
 * so stdout carries only the result.
 */
import { Presets, SingleBar } from 'cli-progress';

export interface AuditProgress {
  /** `fraction` in 0..1 of the whole operation. */
  update(fraction: number): void;
  stop(): void;
}

export function auditProgress(label: string, stream: NodeJS.WriteStream = process.stderr): AuditProgress {
  return stream.isTTY ? barProgress(label, stream) : lineProgress(label, stream);
}

function barProgress(label: string, stream: NodeJS.WriteStream): AuditProgress {
  const bar = new SingleBar({ stream, format: `${label} [{bar}] {percentage}% | eta {eta_formatted}`, hideCursor: true }, Presets.shades_classic);
  bar.start(1000, 0);
  return {
    update: (fraction) => bar.update(Math.round(Math.min(1, Math.max(0, fraction)) * 1000)),
    stop: () => bar.stop(),
  };
}

function lineProgress(label: string, stream: NodeJS.WriteStream): AuditProgress {
  let reportedTenth = 0;
  return {
    update(fraction) {
      const tenth = Math.floor(Math.min(1, fraction) * 10);
      if (tenth > reportedTenth) {
        reportedTenth = tenth;
        stream.write(`${label}: ${tenth * 10}%\n`);
      }
    },
    stop: () => undefined,
  };
}
