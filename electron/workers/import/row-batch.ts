import type { Cell } from '../../data/db/dataset-tables';

/**
 * Typed rows on their way to the writer thread, in a form that crosses threads cheaply: numbers
 * and what each cell is sit in slots of shared memory (no copy, no garbage), and the strings of
 * a batch go as one string with their lengths in the slot. Measured for 4M strings: cloned as
 * an array ~0.55 s; joined with join('') ~0.25 s to join alone; appended with += and cloned
 * ~0.03 s beyond creating them.
 */
export interface RowBatch {
  slot: number;
  rows: number;
  text: string;
}

const NULL = 0;
const NUMBER = 1;
const STRING = 2;

/** Cells per batch: ~64k keeps a slot under a megabyte whatever the width. */
const BATCH_CELLS = 1 << 16;
/** A batch also ends once its strings hold this many characters (huge text fields). */
const BATCH_CHARS = 1 << 22;

/** The views of one slot of the shared batch memory. */
interface Slot {
  tags: Uint8Array;
  nums: Float64Array;
  lens: Uint32Array;
}

/** Shared memory for `count` batches of rows `width` cells wide, seen the same from both threads. */
export class BatchSlots {
  readonly capacity: number;
  readonly slots: Slot[] = [];

  constructor(
    readonly width: number,
    readonly count: number,
    readonly memory = new SharedArrayBuffer(count * slotBytes(width)),
  ) {
    this.capacity = rowsPerBatch(width);
    const cells = this.capacity * width;
    for (let i = 0, at = 0; i < count; i++, at += slotBytes(width)) {
      this.slots.push({
        nums: new Float64Array(memory, at, cells),
        lens: new Uint32Array(memory, at + cells * 8, cells),
        tags: new Uint8Array(memory, at + cells * 12, cells),
      });
    }
  }
}

const rowsPerBatch = (width: number) => Math.max(1, Math.floor(BATCH_CELLS / width));
/** Rounded up to 8 bytes, so every slot's Float64Array is aligned. */
const slotBytes = (width: number) => Math.ceil((rowsPerBatch(width) * width * 13) / 8) * 8;

/** Fills the slots in turn; the caller makes sure the writer is done with a slot before it comes round again. */
export class RowBatchBuilder {
  private slot = 0;
  private text = '';
  private strings = 0;
  rows = 0;

  constructor(readonly memory: BatchSlots) {}

  /** Adds one row (exactly `width` cells); true when the batch is full and should be taken. */
  add(cells: readonly Cell[]): boolean {
    const { tags, nums, lens } = this.memory.slots[this.slot];
    const width = this.memory.width;
    let k = this.rows * width;
    for (let i = 0; i < width; i++, k++) {
      const v = cells[i];
      if (v === null) tags[k] = NULL;
      else if (typeof v === 'number') {
        tags[k] = NUMBER;
        nums[k] = v;
      } else {
        tags[k] = STRING;
        lens[this.strings++] = v.length;
        this.text += v;
      }
    }
    this.rows++;
    return this.rows === this.memory.capacity || this.text.length >= BATCH_CHARS;
  }

  /** The rows added so far; the next batch goes to the next slot. */
  take(): RowBatch {
    const batch: RowBatch = { slot: this.slot, rows: this.rows, text: this.text };
    this.slot = (this.slot + 1) % this.memory.count;
    this.text = '';
    this.strings = 0;
    this.rows = 0;
    return batch;
  }
}

/** Reads a batch back row by row, writing each row's cells where it is told. */
export class BatchReader {
  private k = 0;
  private s = 0;
  private at = 0;
  private readonly tags: Uint8Array;
  private readonly nums: Float64Array;
  private readonly lens: Uint32Array;
  private readonly text: string;
  private readonly width: number;

  constructor(memory: BatchSlots, batch: RowBatch) {
    ({ tags: this.tags, nums: this.nums, lens: this.lens } = memory.slots[batch.slot]);
    this.width = memory.width;
    this.text = batch.text;
  }

  /** The next row's cells into `into[at … at + width)`. */
  next(into: Cell[], at: number): void {
    const { tags, nums, lens, text } = this;
    let k = this.k;
    for (let end = at + this.width; at < end; at++, k++) {
      const t = tags[k];
      if (t === NUMBER) into[at] = nums[k];
      else if (t === STRING) into[at] = text.slice(this.at, (this.at += lens[this.s++]));
      else into[at] = null;
    }
    this.k = k;
  }
}
