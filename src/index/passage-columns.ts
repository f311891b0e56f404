/**
 * A passage field stored for every passage (passages.json), in the most compact of three forms,
 * so that reading a column makes as few objects as possible:
 *
 * - `dictionary`: few distinct values (the section path repeats for every passage of a section):
 *   the distinct values once, and per passage the number of its value;
 * - `lines`: every value a string without a line break (ids): one text, line i for passage i,
 *   cut out when that passage is made instead of 157,000 strings at once;
 * - `values`: one value per passage (null for a missing one).
 */

export type StoredColumn =
  | { form: 'dictionary'; values: unknown[]; indices: number[] }
  | { form: 'lines'; text: string }
  | { form: 'values'; values: unknown[] };

/** Reads a column: `peek` may return a value shared between passages (read it only), `value` a copy of it. */
export interface ColumnReader {
  peek(passageIndex: number): unknown;
  value(passageIndex: number): unknown;
}

/** At most one distinct value per this many passages makes a dictionary. */
const DICTIONARY_RATIO = 4;

const keyOf = (value: unknown): string => (typeof value === 'string' ? `s${value}` : `j${JSON.stringify(value)}`);

/** The stored form of a column (`undefined` values are stored as null and read back as undefined). */
export function encodeColumn(values: readonly unknown[]): StoredColumn {
  const stored = values.map((value) => value ?? null);
  const numbers = new Map<string, number>();
  const distinct: unknown[] = [];
  const indices = stored.map((value) => {
    const key = keyOf(value);
    let number = numbers.get(key);
    if (number === undefined) {
      numbers.set(key, (number = distinct.length));
      distinct.push(value);
    }
    return number;
  });
  if (distinct.length * DICTIONARY_RATIO <= stored.length) return { form: 'dictionary', values: distinct, indices };
  if (stored.every((value) => typeof value === 'string' && !value.includes('\n'))) return { form: 'lines', text: stored.join('\n') };
  return { form: 'values', values: stored };
}

/** A copy of a value read from JSON (arrays and plain objects), so that no two passages share one. */
function copyJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, copyJson(entry)]));
  return value;
}

/** A reader of a stored column of `count` passages. Throws an Error naming what is malformed. */
export function columnReader(column: StoredColumn, count: number, name: string): ColumnReader {
  const malformed = (): Error => new Error(`passages.json: the column ${name} is malformed`);
  switch (column.form) {
    case 'dictionary': {
      const { values, indices } = column;
      if (!Array.isArray(values) || !Array.isArray(indices) || indices.length !== count) throw malformed();
      const peek = (i: number): unknown => values[indices[i] ?? -1] ?? undefined;
      return { peek, value: (i) => copyJson(peek(i)) };
    }
    case 'lines': {
      if (typeof column.text !== 'string') throw malformed();
      const text = column.text;
      let starts: Uint32Array | undefined;
      const lineStarts = (): Uint32Array => {
        if (starts) return starts;
        const found = new Uint32Array(count + 1);
        let at = 0;
        for (let i = 0; i < count; i += 1) {
          // Past the end of the text before the last passage: fewer lines than passages.
          if (at > text.length) throw malformed();
          found[i] = at;
          const end = text.indexOf('\n', at);
          at = end < 0 ? text.length + 1 : end + 1;
        }
        found[count] = at;
        if (at !== text.length + 1) throw malformed();
        starts = found;
        return found;
      };
      const peek = (i: number): unknown => {
        const lines = lineStarts();
        return text.slice(lines[i] ?? 0, (lines[i + 1] ?? 1) - 1);
      };
      return { peek, value: peek };
    }
    case 'values': {
      const { values } = column;
      if (!Array.isArray(values) || values.length !== count) throw malformed();
      return { peek: (i) => values[i] ?? undefined, value: (i) => values[i] ?? undefined };
    }
    default:
      throw malformed();
  }
}
