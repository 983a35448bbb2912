/** Which version answers a request: a seeded or random draw against the weight, or a stable hash of a sticky key. */

/** FNV-1a, 32 bits: the same key gives the same bucket in every process and every run. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The key's place in [0, 1): the candidate answers it when this falls under its weight. */
export const stickyPoint = (key: string): number => hashKey(key) / 2 ** 32;

/** True when a point in [0, 1) goes to the candidate at `weight` percent. */
export const toCandidate = (point: number, weight: number): boolean => point < weight / 100;
