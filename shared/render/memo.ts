/// A bounded map from the whole input of a pure, costly rendering (a KaTeX formula, a
/// highlighted code block) to its HTML. The preview renders the same formulas and code again on
/// every keystroke, and a post repeats them; the key must hold everything that changes the
/// output. The least recently used entries go once either bound is passed, so a long-running
/// process (the app, the browser host) does not grow with every post it has rendered.
export class RenderCache {
  private static readonly all = new Set<RenderCache>();
  private readonly entries = new Map<string, string>();
  private chars = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxChars: number,
  ) {
    RenderCache.all.add(this);
  }

  /// Forgets every cached rendering: for measuring what a render itself does, whatever was
  /// rendered before it.
  static clearAll(): void {
    for (const cache of RenderCache.all) {
      cache.entries.clear();
      cache.chars = 0;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /// Characters held, keys and values together.
  get weight(): number {
    return this.chars;
  }

  /// The cached output for `key`, or `make()`'s, remembered unless it alone is too large.
  get(key: string, make: () => string): string {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Re-inserted, so the Map's order is least recently used first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = make();
    const cost = key.length + value.length;
    if (cost > this.maxChars / 8) return value;
    this.entries.set(key, value);
    this.chars += cost;
    for (const [oldest, old] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= oldest.length + old.length;
    }
    return value;
  }
}
