/**
 * The correctly rounded sum of doubles (Shewchuk's exact partials, with the
 * final round-half-even step of Python's `math.fsum`). The objective is
 * reported with it so that the same set of chosen scores gives the same
 * double in any order — input order must not move the objective by an ulp.
 */
export function exactSum(values: readonly number[]): number {
  const partials: number[] = [];
  for (const value of values) {
    let x = value;
    let kept = 0;
    for (let j = 0; j < partials.length; j += 1) {
      let y = partials[j];
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[kept++] = lo;
      x = hi;
    }
    partials.length = kept;
    partials.push(x);
  }
  const rounded = roundPartials(partials);
  // Partials of finite values overflow only when the true sum is out of range; the plain sum says so.
  return Number.isFinite(rounded) ? rounded : values.reduce((sum, value) => sum + value, 0);
}

/** The partials are non-overlapping and increasing in magnitude; add from the top, then fix a half-way case. */
function roundPartials(partials: readonly number[]): number {
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // hi + lo is exact; when lo is exactly half an ulp and the next partial pushes the same way, round away.
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}
