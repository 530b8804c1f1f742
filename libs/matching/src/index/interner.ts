/**
 * Strings to small dense integers (language codes, macrolanguages, countries),
 * so the hot loop compares ints instead of strings.
 */
export class Interner {
  private readonly ids = new Map<string, number>();

  /** The id of `value`, assigning the next one on first sight. */
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(value, id);
    }
    return id;
  }

  /** The id of `value`, or -1 when it was never interned (no key person has it). */
  lookup(value: string): number {
    return this.ids.get(value) ?? -1;
  }
}
