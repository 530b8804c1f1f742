/**
 * A seeded pseudo-random source: sfc32 (Chris Doty-Humphrey's Small Fast
 * Counter, 128-bit state, passes PractRand) seeded by the cyrb128 string hash.
 *
 * Why not Math.random: it cannot be seeded, so the same `--seed` would not give
 * the same population and a second run would append a second population
 * instead of nothing. Why not one global generator: every subject draws from
 * its own stream (`Random.for('<seed>|newcomer|<index>')`), so subject 7 is the
 * same whether 10 or 10,000 are generated, and changing how one field is drawn
 * never shifts every later subject.
 */
export type Weighted<T> = readonly (readonly [value: T, weight: number])[];

export class Random {
  private constructor(private a: number, private b: number, private c: number, private d: number) {}

  /** A generator whose whole sequence follows from `name`. */
  static for(name: string): Random {
    const [a, b, c, d] = cyrb128(name);
    const random = new Random(a, b, c, d);
    // Discard the first outputs: sfc32 mixes a hashed seed in a dozen rounds.
    for (let i = 0; i < 12; i++) random.float();
    return random;
  }

  /** Uniform in [0, 1). */
  float(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Cannot pick from an empty list');
    return items[Math.floor(this.float() * items.length)];
  }

  weighted<T>(table: Weighted<T>): T {
    const total = table.reduce((sum, [, weight]) => sum + weight, 0);
    if (!(total > 0)) throw new Error('A weighted table needs a positive total weight');
    let remaining = this.float() * total;
    for (const [value, weight] of table) {
      remaining -= weight;
      if (remaining < 0) return value;
    }
    return table[table.length - 1][0];
  }

  /** `count` distinct values, drawn one after another by weight (so heavier ones tend to come first). */
  sample<T>(table: Weighted<T>, count: number): T[] {
    const left = [...table];
    const chosen: T[] = [];
    while (chosen.length < count && left.length > 0) {
      const value = this.weighted(left);
      chosen.push(value);
      left.splice(left.findIndex(([candidate]) => candidate === value), 1);
    }
    return chosen;
  }
}

/** cyrb128 (bryc, public domain): four well-mixed 32-bit words from a string. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
