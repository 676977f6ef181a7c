// Packs a layer's row-major weights, bias and requantization into the tile layout of a kernel family.
import type { Requantization } from './ref/gemm';
import { KERNEL_FAMILIES, type KernelFamilyId } from './kernels';

export interface PackableLayer {
  readonly inputs: number;
  readonly outputs: number;
  /** Row-major outputs × inputs, in [-127, 127]. */
  readonly weights: Int8Array;
  /** Zero points folded in. */
  readonly bias: Int32Array;
  readonly requantization: Requantization | null;
}

const roundUp = (value: number, multiple: number): number => Math.ceil(value / multiple) * multiple;

/** Bytes one tile of `family` takes for K inputs: bias, the K-padded weight groups, the requantization block. */
export function packedTileBytes(familyId: KernelFamilyId, inputs: number, requantizing: boolean): number {
  const { nr, kr, weightBytes, requantBytes } = KERNEL_FAMILIES[familyId];
  return nr * 4 + roundUp(inputs, kr) * nr * weightBytes + (requantizing ? requantBytes : 0);
}

export function packedByteLength(familyId: KernelFamilyId, layer: Pick<PackableLayer, 'inputs' | 'outputs' | 'requantization'>): number {
  const tiles = Math.ceil(layer.outputs / KERNEL_FAMILIES[familyId].nr);
  return tiles * packedTileBytes(familyId, layer.inputs, layer.requantization !== null);
}

/**
 * The layout, per tile of NR output columns n0 … n0+NR−1 (columns past N are zeros, as are k past K):
 *   bias      NR × int32 (little-endian)
 *   weights   ⌈K/KR⌉ groups; group g holds, for each column in order, its KR weights k = g·KR … g·KR+KR−1,
 *             int8, or int16 (little-endian) for extended-weight (xw) families
 *   requant   scalar: M0 × 4, shift × 4 (int32); SIMD: M0, 2^left, −2^(31−left), 2^(31−left)−1, 2^(30−right),
 *             16 int32 each (kernels/assembly/requantize-simd.ts explains why)
 * Writes into `target` (e.g. a view of WebAssembly memory) when given, and returns the packed bytes.
 */
export function packWeights(familyId: KernelFamilyId, layer: PackableLayer, target?: Uint8Array): Uint8Array {
  const family = KERNEL_FAMILIES[familyId];
  const { nr, kr, weightBytes } = family;
  const { inputs: k, outputs: n, weights, bias, requantization } = layer;
  const length = packedByteLength(familyId, layer);
  const bytes = target ? target.subarray(0, length) : new Uint8Array(length);
  if (bytes.length < length) throw new RangeError(`target has ${bytes.length} bytes, packing needs ${length}`);
  bytes.fill(0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kPadded = roundUp(k, kr);
  let offset = 0;
  for (let n0 = 0; n0 < n; n0 += nr) {
    for (let col = 0; col < nr; col++) {
      if (n0 + col < n) view.setInt32(offset + col * 4, bias[n0 + col], true);
    }
    offset += nr * 4;
    for (let g = 0; g < kPadded; g += kr) {
      for (let col = 0; col < nr; col++) {
        for (let t = 0; t < kr; t++) {
          const row = n0 + col;
          const kk = g + t;
          if (row < n && kk < k) {
            if (weightBytes === 2) view.setInt16(offset, weights[row * k + kk], true);
            else view.setInt8(offset, weights[row * k + kk]);
          }
          offset += weightBytes;
        }
      }
    }
    if (requantization === null) continue;
    const write = (slot: number, col: number, value: number): void => view.setInt32(offset + (slot * nr + col) * 4, value, true);
    for (let col = 0; col < nr; col++) {
      const row = n0 + col;
      const multiplier = row < n ? requantization.multiplier[row] : 0;
      const shift = row < n ? requantization.shift[row] : 0;
      if (family.singleRow === 'scalar-1x4') {
        write(0, col, multiplier);
        write(1, col, shift);
        continue;
      }
      const left = Math.max(0, -shift);
      const right = Math.max(0, shift);
      write(0, col, multiplier);
      write(1, col, 2 ** left);
      write(2, col, -(2 ** (31 - left)));
      write(3, col, 2 ** (31 - left) - 1);
      write(4, col, 2 ** (30 - right));
    }
    offset += family.requantBytes;
  }
  return bytes;
}
