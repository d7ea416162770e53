/**
 * pg_trgm's trigrams and similarity, computed the same way in process: each run of letters and
 * digits is padded with two spaces before and one after, and similarity is the share of distinct
 * trigrams two strings have in common (`similarity()`, and `a % b` at its default threshold 0.3).
 * Search forms hold only [a-z0-9 ], so a trigram fits a 16-bit code (37³ < 2¹⁶) and a name's
 * trigrams a small sorted array: a few megabytes for the whole gazetteer instead of tens.
 */
export type Trigrams = Uint16Array;

/** pg_trgm's default `pg_trgm.similarity_threshold`: what `%` accepts. */
export const similarityThreshold = 0.3;

const symbol = (c: number) => (c === 32 ? 0 : c >= 97 ? c - 96 : c - 48 + 27);

export function trigrams(text: string): Trigrams {
  const codes = new Set<number>();
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      codes.add(symbol(padded.charCodeAt(i)) * 1369 + symbol(padded.charCodeAt(i + 1)) * 37 + symbol(padded.charCodeAt(i + 2)));
    }
  }
  return Uint16Array.from(codes).sort();
}

export function similarity(a: Trigrams, b: Trigrams): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]! === b[j]!) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

/**
 * An inverted index from trigram to entry, so a fuzzy lookup counts shared trigrams only for
 * entries that share at least one, instead of comparing the query with every name.
 */
export class TrigramIndex {
  private readonly postings = new Map<number, number[]>();
  private readonly sizes: number[] = [];

  add(grams: Trigrams): void {
    const entry = this.sizes.length;
    this.sizes.push(grams.length);
    for (const g of grams) {
      const list = this.postings.get(g);
      if (list) list.push(entry);
      else this.postings.set(g, [entry]);
    }
  }

  /** Entries at least `threshold` similar to the query, with their similarity. */
  similar(query: Trigrams, threshold = similarityThreshold): { entry: number; similarity: number }[] {
    if (query.length === 0) return [];
    const shared = new Map<number, number>();
    for (const g of query) {
      for (const entry of this.postings.get(g) ?? []) shared.set(entry, (shared.get(entry) ?? 0) + 1);
    }
    const out: { entry: number; similarity: number }[] = [];
    for (const [entry, count] of shared) {
      const s = count / (query.length + this.sizes[entry]! - count);
      if (s >= threshold) out.push({ entry, similarity: s });
    }
    return out;
  }
}
