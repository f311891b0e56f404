/**
 * An array whose elements are made on first access: loading an index of 100,000 passages must not
 * build 100,000 objects when a question reads a dozen of them. It behaves as a plain array for
 * reading (indexing, `length`, iteration, `map`, `Object.keys`, `JSON.stringify`, `Array.isArray`).
 */

function arrayIndex(property: string | symbol, length: number): number | undefined {
  if (typeof property !== 'string' || property.length === 0 || property.length > 10) return undefined;
  const index = Number(property);
  return Number.isInteger(index) && index >= 0 && index < length && String(index) === property ? index : undefined;
}

/** An array of `length` elements, element `i` made by `make(i)` the first time it is read. */
export function lazyArray<T>(length: number, make: (index: number) => T): T[] {
  const made: (T | undefined)[] = new Array<T | undefined>(length);
  const element = (index: number): T => {
    let value = made[index];
    if (value === undefined) made[index] = value = make(index);
    return value;
  };
  return new Proxy(new Array<T>(length), {
    get(target, property, receiver) {
      const index = arrayIndex(property, length);
      return index === undefined ? Reflect.get(target, property, receiver) : element(index);
    },
    has(target, property) {
      return arrayIndex(property, length) !== undefined || Reflect.has(target, property);
    },
    ownKeys(target) {
      const keys: (string | symbol)[] = Array.from({ length }, (_, index) => String(index));
      return keys.concat(Reflect.ownKeys(target).filter((key) => arrayIndex(key, length) === undefined));
    },
    getOwnPropertyDescriptor(target, property) {
      const index = arrayIndex(property, length);
      if (index === undefined) return Reflect.getOwnPropertyDescriptor(target, property);
      return { value: element(index), writable: true, enumerable: true, configurable: true };
    },
    set(target, property, value, receiver) {
      const index = arrayIndex(property, length);
      if (index === undefined) return Reflect.set(target, property, value, receiver);
      made[index] = value as T;
      return true;
    },
  });
}
