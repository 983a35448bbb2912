/** A trained boosted ensemble: prediction and JSON (de)serialisation. */
import { GbdtLoss } from './params';
import { addTreePredictions, Tree, TreeJSON, treeFromJSON, treeToJSON } from './tree';
import { transformMargins } from './losses';

export interface GbdtModelJSON {
  format: 'lathe-gbdt';
  version: 1;
  loss: GbdtLoss;
  /** Outputs per row: number of classes for softmax, else 1. Tree t feeds output t % numOutputs. */
  numOutputs: number;
  baseScore: number[];
  nFeatures: number;
  featureNames: string[];
  /** Boosting rounds kept (after early stopping). */
  rounds: number;
  trees: TreeJSON[];
}

export class GbdtModel {
  constructor(
    readonly loss: GbdtLoss,
    readonly numOutputs: number,
    readonly baseScore: number[],
    readonly nFeatures: number,
    readonly featureNames: string[],
    readonly trees: Tree[],
  ) {}

  get rounds(): number {
    return this.trees.length / this.numOutputs;
  }

  /** Raw margins, row-major nRows x numOutputs. */
  predictRaw(X: Float32Array, nRows: number): Float64Array {
    if (X.length !== nRows * this.nFeatures) throw new Error(`expected ${this.nFeatures} features per row`);
    const K = this.numOutputs;
    const out = new Float64Array(nRows * K);
    for (let r = 0; r < nRows; r++) for (let k = 0; k < K; k++) out[r * K + k] = this.baseScore[k];
    const scratch = new Int32Array(nRows);
    for (let t = 0; t < this.trees.length; t++) addTreePredictions(this.trees[t], X, nRows, this.nFeatures, out, K, t % K, scratch);
    return out;
  }

  /** Regression values, P(class 1) for logloss, or class probabilities (nRows x K) for softmax. */
  predict(X: Float32Array, nRows: number): Float64Array {
    return transformMargins(this.loss, this.predictRaw(X, nRows), this.numOutputs);
  }

  /** predict() from the trees' summed outputs (row-major nRows x numOutputs, tree t into output t % numOutputs). */
  fromTreeSums(sums: Float64Array): Float64Array {
    const K = this.numOutputs;
    return transformMargins(this.loss, sums.map((s, i) => s + this.baseScore[i % K]), K);
  }

  toJSON(): GbdtModelJSON {
    return {
      format: 'lathe-gbdt',
      version: 1,
      loss: this.loss,
      numOutputs: this.numOutputs,
      baseScore: this.baseScore.slice(),
      nFeatures: this.nFeatures,
      featureNames: this.featureNames.slice(),
      rounds: this.rounds,
      trees: this.trees.map(treeToJSON),
    };
  }

  static fromJSON(j: GbdtModelJSON): GbdtModel {
    if (j.format !== 'lathe-gbdt' || j.version !== 1) throw new Error('not a lathe gbdt model');
    return new GbdtModel(j.loss, j.numOutputs, j.baseScore, j.nFeatures, j.featureNames, j.trees.map(treeFromJSON));
  }
}
