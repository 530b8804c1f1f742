/** One measured figure, beside the same work done by a baseline in the same process. */
export interface BenchFigure {
  readonly name: string;
  readonly unit: string;
  readonly ours: number;
  readonly baseline: number;
  /** What `ours` should reach (at least), when there is a goal. */
  readonly goal?: number;
}

export interface BenchReport {
  readonly title: string;
  /** What "baseline" means for this bench. */
  readonly baseline: string;
  readonly figures: readonly BenchFigure[];
  readonly notes?: readonly string[];
}

/** Whether every figure with a goal met it. */
export function goalsMet(report: BenchReport): boolean {
  return report.figures.every((figure) => figure.goal === undefined || figure.ours >= figure.goal);
}

/** The report as a plain-text table a person can compare at a glance. */
export function formatReport(report: BenchReport): string {
  const header = ['figure', 'unit', 'ours', 'baseline', 'ours/baseline', 'goal', ''];
  const rows = report.figures.map((figure) => [
    figure.name,
    figure.unit,
    formatNumber(figure.ours),
    formatNumber(figure.baseline),
    `${(figure.ours / figure.baseline).toFixed(2)}`,
    figure.goal === undefined ? '-' : `≥ ${formatNumber(figure.goal)}`,
    figure.goal === undefined ? '' : figure.ours >= figure.goal ? 'met' : 'MISSED',
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (cells: string[]): string =>
    cells.map((cell, column) => (column >= 2 && column <= 5 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
  return [
    report.title,
    `baseline: ${report.baseline}`,
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    ...(report.notes ?? []).map((note) => `note: ${note}`),
  ].join('\n');
}

function formatNumber(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/**
 * Runs a bench file started on its own (`ts-node bench/x.bench.ts`, not
 * through `bench/run.ts`) and prints its report; the exit code is 1 when it
 * fails or a figure misses its goal, as with `npm run bench`.
 */
export function runIfMain(benchModule: NodeModule, run: () => Promise<BenchReport>): void {
  if (require.main !== benchModule) return;
  run()
    .then((report) => {
      console.log(formatReport(report));
      if (!goalsMet(report)) process.exitCode = 1;
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
