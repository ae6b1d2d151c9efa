/// What the library index needs from MiniSearch beyond its public API, kept in this one file:
/// a compact form of the index for the on-disk cache, and a bounded prefix expansion.
///
/// MiniSearch's own toJSON()/loadJS() build one JS object per term and field, with a property per
/// post: at 10,000 posts that is millions of properties, seconds to write and over a second to
/// read. This packs the same state into a flat varint buffer instead, about ten times faster both
/// ways. It reads MiniSearch's private fields, so it checks their shape first and throws if an
/// update of MiniSearch changed them; the index is then rebuilt from the posts, never misread
/// (and completions() returns null, so search falls back to MiniSearch's own prefix search).
import MiniSearch, { type Options } from 'minisearch';

type Postings = Map<number, Map<number, number>>; // fieldId -> shortId -> term frequency

interface TermMap {
  set(term: string, value: Postings): unknown;
  atPrefix(prefix: string): TermMap;
  [Symbol.iterator](): Iterator<[string, Postings]>;
}

interface Internals {
  _index: TermMap;
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _dirtCount: number;
  _storedFields: Map<number, unknown>;
}

export interface PackedMeta {
  version: 1;
  documentCount: number;
  nextId: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  /// Parallel arrays: short id, document id, and each field's length (fields per document).
  shortIds: number[];
  ids: string[];
  fieldLengths: number[];
  terms: string[];
}

export interface PackedIndex {
  meta: PackedMeta;
  postings: Uint8Array;
}

function internals(mini: MiniSearch<unknown>): Internals {
  const m = mini as unknown as Internals;
  const ok =
    m._index !== null &&
    typeof m._index === 'object' &&
    typeof m._index.set === 'function' &&
    typeof m._index.atPrefix === 'function' &&
    typeof m._index[Symbol.iterator] === 'function' &&
    m._documentIds instanceof Map &&
    m._idToShortId instanceof Map &&
    m._fieldLength instanceof Map &&
    m._storedFields instanceof Map &&
    Array.isArray(m._avgFieldLength) &&
    typeof m._fieldIds === 'object' &&
    typeof m._documentCount === 'number' &&
    typeof m._nextId === 'number';
  if (!ok) throw new Error('This version of MiniSearch keeps its index differently; the cache cannot be used.');
  return m;
}

export function packIndex(mini: MiniSearch<unknown>): PackedIndex {
  const m = internals(mini);
  const fieldCount = Object.keys(m._fieldIds).length;
  const shortIds: number[] = [];
  const ids: string[] = [];
  const fieldLengths: number[] = [];
  for (const [shortId, id] of m._documentIds) {
    shortIds.push(shortId);
    ids.push(String(id));
    const lengths = m._fieldLength.get(shortId) ?? [];
    for (let f = 0; f < fieldCount; f++) fieldLengths.push(lengths[f] ?? 0);
  }
  const terms: string[] = [];
  const out = new VarintWriter();
  const fieldsAt: number[] = [];
  for (const [term, fields] of m._index) {
    // Postings of discarded posts (waiting for MiniSearch's vacuum) are dropped here.
    const start = out.length;
    let kept = 0;
    out.uint(0); // placeholder for the number of fields, patched below
    fieldsAt.length = 0;
    for (const [fieldId, docs] of fields) {
      let live = 0;
      for (const shortId of docs.keys()) if (m._documentIds.has(shortId)) live++;
      if (live === 0) continue;
      kept++;
      out.uint(fieldId);
      out.uint(live);
      let previous = 0;
      for (const [shortId, freq] of docs) {
        if (!m._documentIds.has(shortId)) continue;
        out.int(shortId - previous);
        out.uint(freq);
        previous = shortId;
      }
    }
    if (kept === 0) {
      out.length = start;
      continue;
    }
    out.patchFirstByte(start, kept);
    terms.push(term);
  }
  return {
    meta: {
      version: 1,
      documentCount: m._documentCount,
      nextId: m._nextId,
      fieldIds: { ...m._fieldIds },
      averageFieldLength: [...m._avgFieldLength],
      shortIds,
      ids,
      fieldLengths,
      terms,
    },
    postings: out.bytes(),
  };
}

/// Rebuilds the index, yielding to the event loop every few thousand terms. Throws on any
/// inconsistency (a damaged cache).
export async function unpackIndex<T>(packed: PackedIndex, options: Options<T>, pause: () => Promise<void>): Promise<MiniSearch<T>> {
  const { meta, postings } = packed;
  if (meta.version !== 1) throw new Error('unknown packed index version');
  const mini = new MiniSearch<T>(options);
  const m = internals(mini as MiniSearch<unknown>);
  const fieldCount = Object.keys(m._fieldIds).length;
  if (JSON.stringify(m._fieldIds) !== JSON.stringify(meta.fieldIds)) throw new Error('the cache indexes other fields');
  if (meta.shortIds.length !== meta.ids.length || meta.fieldLengths.length !== meta.ids.length * fieldCount) {
    throw new Error('the cached document list is damaged');
  }
  meta.ids.forEach((id, i) => {
    const shortId = meta.shortIds[i]!;
    m._documentIds.set(shortId, id);
    m._idToShortId.set(id, shortId);
    m._fieldLength.set(shortId, meta.fieldLengths.slice(i * fieldCount, (i + 1) * fieldCount));
  });
  m._documentCount = meta.documentCount;
  m._nextId = meta.nextId;
  m._avgFieldLength = meta.averageFieldLength;
  m._dirtCount = 0;

  const reader = new VarintReader(postings);
  let sinceYield = 0;
  for (let t = 0; t < meta.terms.length; t++) {
    const fields: Postings = new Map();
    for (let f = reader.uint(); f > 0; f--) {
      const fieldId = reader.uint();
      const docs = new Map<number, number>();
      let shortId = 0;
      const count = reader.uint();
      for (let n = count; n > 0; n--) {
        shortId += reader.int();
        docs.set(shortId, reader.uint());
      }
      fields.set(fieldId, docs);
      sinceYield += count + 1;
    }
    m._index.set(meta.terms[t]!, fields);
    // A slice of about 50,000 postings takes a few milliseconds: the app stays responsive.
    if (sinceYield > 50_000) {
      sinceYield = 0;
      await pause();
    }
  }
  if (!reader.done()) throw new Error('the cached postings are damaged');
  return mini;
}

/// The indexed terms that start with `prefix`: itself if indexed, then those in the most posts, stopping before their
/// postings add up to more than `maxPostings` (the first term is always given). Bounds the work of
/// a short prefix like “an”, which can match thousands of terms. Null if MiniSearch's internals
/// are not as expected.
export function completions(mini: MiniSearch<unknown>, prefix: string, maxTerms: number, maxPostings: number): string[] | null {
  let m: Internals;
  try {
    m = internals(mini);
  } catch {
    return null;
  }
  const found: Array<[string, number]> = [];
  for (const [term, fields] of m._index.atPrefix(prefix)) {
    let postings = 0;
    for (const docs of fields.values()) postings += docs.size;
    found.push([term, postings]);
  }
  // The word as typed first (it may be complete already), then the commonest completions.
  found.sort((a, b) => Number(b[0] === prefix) - Number(a[0] === prefix) || b[1] - a[1] || a[0].length - b[0].length);
  const chosen: string[] = [];
  let total = 0;
  for (const [term, postings] of found) {
    if (chosen.length === maxTerms) break;
    if (chosen.length > 0 && total + postings > maxPostings) continue;
    chosen.push(term);
    total += postings;
  }
  return chosen;
}

class VarintWriter {
  private buffer = new Uint8Array(1 << 16);
  length = 0;

  uint(value: number): void {
    if (this.length + 10 > this.buffer.length) this.grow();
    let v = value;
    while (v >= 0x80) {
      this.buffer[this.length++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buffer[this.length++] = v;
  }

  int(value: number): void {
    this.uint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  /// Field counts are tiny (three fields), so the placeholder written by uint(0) is one byte.
  patchFirstByte(at: number, value: number): void {
    if (value >= 0x80) throw new Error('too many fields');
    this.buffer[at] = value;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  private grow(): void {
    const next = new Uint8Array(this.buffer.length * 2);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}

class VarintReader {
  private at = 0;
  constructor(private readonly buffer: Uint8Array) {}

  uint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.buffer.length) throw new Error('the cached postings end early');
      const byte = this.buffer[this.at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
      if (scale > 2 ** 49) throw new Error('the cached postings are damaged');
    }
  }

  int(): number {
    const v = this.uint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  done(): boolean {
    return this.at === this.buffer.length;
  }
}
