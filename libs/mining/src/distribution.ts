import { DDSketch } from '@datadog/sketches-js';

/**
 * A mergeable distribution of durations in milliseconds: count, exact sum, min, max, and
 * quantiles. Up to EXACT_LIMIT values are kept as they are (exact quantiles, a median of an even
 * count is the mean of the two middle values); beyond that they move into a DDSketch whose
 * quantiles have at most SKETCH_RELATIVE_ACCURACY relative error. Both representations merge
 * independently of order: values are multisets and sketch bins add. Durations are whole
 * milliseconds, so sums of them are exact in a double up to 2^53 ms (285,000 years) and do not
 * depend on the order of additions either.
 */
export const EXACT_LIMIT = 4096;
/** Half the 1% the contract allows, leaving room for the sketch's bucket edges. */
export const SKETCH_RELATIVE_ACCURACY = 0.005;

export interface DistributionJson {
  count: number;
  sum: number;
  min: number;
  max: number;
  values?: number[];
  /** DDSketch protobuf, base64. */
  sketch?: string;
}

export class Distribution {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  private values: number[] | null = [];
  /** values, sorted; computed on the first quantile, dropped on every change. */
  private sorted: Float64Array | null = null;
  private sketch: DDSketch | null = null;

  add(value: number): void {
    this.count += 1;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (this.values) {
      this.sorted = null;
      this.values.push(value);
      if (this.values.length > EXACT_LIMIT) this.toSketch();
    } else {
      (this.sketch as DDSketch).accept(value);
    }
  }

  clone(): Distribution {
    const copy = new Distribution();
    copy.merge(this);
    return copy;
  }

  /** Adds n zeros: the same state as n calls of add(0). */
  addZeros(n: number): void {
    if (n <= 0) return;
    this.count += n;
    this.min = Math.min(this.min, 0);
    this.max = Math.max(this.max, 0);
    if (this.values) {
      this.sorted = null;
      if (this.values.length + n <= EXACT_LIMIT) {
        for (let k = 0; k < n; k += 1) this.values.push(0);
        return;
      }
      this.toSketch();
    }
    (this.sketch as DDSketch).accept(0, n);
  }

  /** Adds other's values into this distribution (other is left as it was). */
  merge(other: Distribution): void {
    this.count += other.count;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    this.sorted = null;
    if (this.values && other.values && this.values.length + other.values.length <= EXACT_LIMIT) {
      for (const v of other.values) this.values.push(v);
      return;
    }
    if (this.values) this.toSketch();
    const sketch = this.sketch as DDSketch;
    if (other.values) for (const v of other.values) sketch.accept(v);
    else sketch.merge(other.sketch as DDSketch);
  }

  get mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  get exact(): boolean {
    return this.values !== null;
  }

  /** The q-quantile, linearly interpolated between order statistics when exact; 0 when empty. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    if (!this.values)
      return clamp((this.sketch as DDSketch).getValueAtQuantile(q), this.min, this.max);
    this.sorted ??= Float64Array.from(this.values).sort();
    const sorted = this.sorted;
    const position = q * (sorted.length - 1);
    const lower = Math.floor(position);
    const upper = Math.ceil(position);
    return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
  }

  toJSON(): DistributionJson {
    const base = { count: this.count, sum: this.sum, min: this.min, max: this.max };
    if (this.values) return { ...base, values: this.values.slice() };
    const proto = (this.sketch as DDSketch).toProto();
    return { ...base, sketch: toBase64(proto) };
  }

  static fromJSON(json: DistributionJson): Distribution {
    const d = new Distribution();
    d.count = json.count;
    d.sum = json.sum;
    // JSON has no Infinity: an empty distribution's min/max come back as null.
    d.min = json.min ?? Infinity;
    d.max = json.max ?? -Infinity;
    if (json.values) d.values = json.values.slice();
    else if (json.sketch) {
      d.values = null;
      // fromProto rebuilds the key mapping from a serialized gamma, which can differ from a fresh
      // sketch's in the last bit; copying the bins into a fresh sketch keeps quantiles identical.
      const sketch = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
      sketch._copy(DDSketch.fromProto(fromBase64(json.sketch)));
      d.sketch = sketch;
    } else throw new TypeError('distribution JSON has neither values nor sketch');
    return d;
  }

  private toSketch(): void {
    const sketch = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
    for (const v of this.values as number[]) sketch.accept(v);
    this.sketch = sketch;
    this.values = null;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

// btoa/atob rather than Buffer: the engine runs unchanged in Node and in a browser.
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
