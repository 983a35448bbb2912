/**
 * A seeded generator whose whole state is one uint32, so a checkpoint can carry it and a resumed run
 * draws the same batch orders as an uninterrupted one. The sequence is mulberry32's (`split/prng`).
 */
import { range, shuffleInPlace } from '../../split/prng';

export class SeededRng {
  private a: number;

  constructor(seed: number) {
    this.a = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  get state(): number {
    return this.a;
  }

  set state(s: number) {
    this.a = s >>> 0;
  }

  /** A fresh permutation of 0..n-1 (Fisher–Yates), depending only on the state. */
  permutation(n: number): Uint32Array {
    return shuffleInPlace(range(n), () => this.next());
  }
}
