/**
 * Named typed arrays in one file, read back as views without parsing or copying: a header line of
 * JSON (`{ "arrays": [{ name, type, offset, length }] }`, then a newline), then each array's bytes,
 * aligned to 8 bytes. Numbers are little-endian, as on every platform Node supports.
 */

export type BundleArray = Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;

const ARRAY_TYPES = {
  Uint8Array,
  Uint16Array,
  Uint32Array,
  Float32Array,
  Float64Array,
} as const;

type ArrayTypeName = keyof typeof ARRAY_TYPES;

interface BundleEntry {
  name: string;
  type: ArrayTypeName;
  /** Byte offset from the start of the data (after the header). */
  offset: number;
  /** Elements, not bytes. */
  length: number;
}

const ALIGNMENT = 8;

function typeName(array: BundleArray): ArrayTypeName {
  // A Buffer is a Uint8Array: instanceof, not the constructor's name.
  for (const [name, Type] of Object.entries(ARRAY_TYPES)) if (array instanceof Type) return name as ArrayTypeName;
  throw new TypeError('cannot store this kind of array in a bundle');
}

/** Packs arrays by name into one buffer. */
export function encodeBundle(arrays: Record<string, BundleArray>): Uint8Array {
  const entries: BundleEntry[] = [];
  let offset = 0;
  for (const [name, array] of Object.entries(arrays)) {
    entries.push({ name, type: typeName(array), offset, length: array.length });
    offset += Math.ceil(array.byteLength / ALIGNMENT) * ALIGNMENT;
  }
  let header = Buffer.from(`${JSON.stringify({ arrays: entries })}\n`, 'utf8');
  const headerLength = Math.ceil(header.length / ALIGNMENT) * ALIGNMENT;
  header = Buffer.concat([header, Buffer.alloc(headerLength - header.length, 0x20)]);
  const bytes = new Uint8Array(headerLength + offset);
  bytes.set(header, 0);
  Object.values(arrays).forEach((array, i) => {
    const entry = entries[i];
    if (entry) bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), headerLength + entry.offset);
  });
  return bytes;
}

/** Reads a bundle; arrays are views on `bytes` when it is aligned, copies otherwise. Throws on a malformed bundle. */
export function decodeBundle(bytes: Uint8Array): Map<string, BundleArray> {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) throw new Error('the bundle has no header');
  const parsed = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, newline).toString('utf8')) as { arrays?: BundleEntry[] };
  if (!Array.isArray(parsed.arrays)) throw new Error('the bundle header lists no arrays');
  const headerLength = Math.ceil((newline + 1) / ALIGNMENT) * ALIGNMENT;
  // Bundles are read from files and messages: never a SharedArrayBuffer.
  const buffer = bytes.buffer as ArrayBuffer;
  const arrays = new Map<string, BundleArray>();
  for (const entry of parsed.arrays) {
    const Type = ARRAY_TYPES[entry.type];
    if (!Type) throw new Error(`the bundle holds an array of unknown type ${String(entry.type)}`);
    const start = bytes.byteOffset + headerLength + entry.offset;
    const byteLength = entry.length * Type.BYTES_PER_ELEMENT;
    if (headerLength + entry.offset + byteLength > bytes.length) throw new Error(`the bundle's array ${entry.name} runs past its end`);
    arrays.set(
      entry.name,
      start % Type.BYTES_PER_ELEMENT === 0
        ? new Type(buffer, start, entry.length)
        : new Type(buffer.slice(start, start + byteLength)),
    );
  }
  return arrays;
}

/** The array `name` of a decoded bundle, of the expected type; throws when it is missing or of another type. */
export function bundleArray<T extends BundleArray>(arrays: Map<string, BundleArray>, name: string, type: new (length: number) => T): T {
  const array = arrays.get(name);
  if (!(array instanceof type)) throw new Error(`the bundle lacks the array ${name}`);
  return array;
}
