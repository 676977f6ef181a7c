// The kernel catalogue: each build (ISA), the GEMM families it holds, their export names and tile shapes.
import { SEVEN_BIT_RANGE, type ActivationType, type IntRange } from './ref/quantize';

/** One WebAssembly build of the kernels, served as /kernels/<isa>.wasm. */
export type KernelIsa = 'relaxed-simd' | 'simd128' | 'scalar';

/** Best first: the order the loader tries them in. */
export const KERNEL_ISAS: readonly KernelIsa[] = ['relaxed-simd', 'simd128', 'scalar'];

export type KernelFamilyId =
  | 'scalar-1x4' | 'wasmsimd-1x16c2' | 'wasmsimd-4x16c2-xw' | 'wasmrelaxedsimd-1x16c4' | 'wasmrelaxedsimd-4x16c4';

/** A GEMM microkernel family: one tile shape and packed layout, with a kernel per activation and output type. */
export interface KernelFamily {
  readonly id: KernelFamilyId;
  /** The code mlp.ts (AssemblyScript) dispatches on. */
  readonly code: number;
  /**
   * Rows of A per tile: 1 for the MLP's one-row inference, 4 for batched GEMM (each weight vector loaded serves
   * four rows; the kernel handles any M, rows left over included).
   */
  readonly mr: number;
  /** The one-row family computing the same thing (itself when mr = 1): what one inference of an MLP runs on. */
  readonly singleRow: KernelFamilyId;
  /** The multi-row family computing the same thing, or null when there is none: what a batch runs on. */
  readonly multiRow: KernelFamilyId | null;
  /** Output columns per tile (N is padded up to a multiple). */
  readonly nr: number;
  /** K per group (K is padded up to a multiple with zero weights). */
  readonly kr: number;
  /**
   * Bytes per packed weight: 1 (int8), or 2 for extended weights ("xw", int16 in [−127, 127]) that a kernel
   * loads as dot operands without widening them first.
   */
  readonly weightBytes: 1 | 2;
  /** Bytes of the per-tile requantization block that follows the weights. */
  readonly requantBytes: number;
  /** Activations the family accepts, when narrower than the activation type's range. */
  readonly inputRange: IntRange | null;
  /** Export names: requantizing kernels per activation type, then int32-output ones. */
  readonly requantizing: Readonly<Record<ActivationType, string>>;
  readonly int32Output: Readonly<Record<ActivationType, string>>;
}

/**
 * A family's export names, XNNPACK-style: <input>[_<output>]_qc8w_gemm[_xw]_minmax_gemmlowp_ukernel_<tile>__<isa>
 * for the requantizing kernels and <input>_qs32_qc8w_gemm[_xw]_ukernel_<tile>__<isa> for the int32-output ones.
 * 7-bit families read qu7 whatever the activation type (the same bytes in uint8 and int8) and write that type.
 */
function exportNames(
  tile: string, isa: string, options: { extendedWeights?: boolean; sevenBit?: boolean } = {},
): Pick<KernelFamily, 'requantizing' | 'int32Output'> {
  const gemm = options.extendedWeights ? 'qc8w_gemm_xw' : 'qc8w_gemm';
  const typeCode = (type: ActivationType) => (type === 'uint8' ? 'qu8' : 'qs8');
  const input = (type: ActivationType) => (options.sevenBit ? 'qu7' : typeCode(type));
  const requantizing = (type: ActivationType) => `${options.sevenBit ? `qu7_${typeCode(type)}` : typeCode(type)}_${gemm}_minmax_gemmlowp_ukernel_${tile}__${isa}`;
  const int32Output = (type: ActivationType) => `${input(type)}_qs32_${gemm}_ukernel_${tile}__${isa}`;
  return {
    requantizing: { uint8: requantizing('uint8'), int8: requantizing('int8') },
    int32Output: { uint8: int32Output('uint8'), int8: int32Output('int8') },
  };
}

export const KERNEL_FAMILIES: Readonly<Record<KernelFamilyId, KernelFamily>> = {
  'scalar-1x4': {
    id: 'scalar-1x4', code: 0, mr: 1, singleRow: 'scalar-1x4', multiRow: null, nr: 4, kr: 1, weightBytes: 1, requantBytes: 32, inputRange: null,
    ...exportNames('1x4', 'scalar'),
  },
  'wasmsimd-1x16c2': {
    id: 'wasmsimd-1x16c2', code: 1, mr: 1, singleRow: 'wasmsimd-1x16c2', multiRow: 'wasmsimd-4x16c2-xw',
    nr: 16, kr: 2, weightBytes: 1, requantBytes: 320, inputRange: null,
    ...exportNames('1x16c2', 'wasmsimd_dot16x2'),
  },
  // Extended weights: int16 packed, twice the bytes, no widening in the k loop (about 10 % faster at K = 512).
  'wasmsimd-4x16c2-xw': {
    id: 'wasmsimd-4x16c2-xw', code: 3, mr: 4, singleRow: 'wasmsimd-1x16c2', multiRow: 'wasmsimd-4x16c2-xw',
    nr: 16, kr: 2, weightBytes: 2, requantBytes: 320, inputRange: null,
    ...exportNames('4x16c2', 'wasmsimd_dot16x2', { extendedWeights: true }),
  },
  'wasmrelaxedsimd-1x16c4': {
    id: 'wasmrelaxedsimd-1x16c4', code: 2, mr: 1, singleRow: 'wasmrelaxedsimd-1x16c4', multiRow: 'wasmrelaxedsimd-4x16c4',
    nr: 16, kr: 4, weightBytes: 1, requantBytes: 320, inputRange: SEVEN_BIT_RANGE,
    ...exportNames('1x16c4', 'wasmrelaxedsimd', { sevenBit: true }),
  },
  'wasmrelaxedsimd-4x16c4': {
    id: 'wasmrelaxedsimd-4x16c4', code: 4, mr: 4, singleRow: 'wasmrelaxedsimd-1x16c4', multiRow: 'wasmrelaxedsimd-4x16c4',
    nr: 16, kr: 4, weightBytes: 1, requantBytes: 320, inputRange: SEVEN_BIT_RANGE,
    ...exportNames('4x16c4', 'wasmrelaxedsimd', { sevenBit: true }),
  },
};

/**
 * The families each build holds, preferred first: for a batched GEMM the multi-row family leads; a one-row MLP
 * takes the first one-row family whose input range fits (KernelModule.chooseFamilies).
 */
export const ISA_FAMILIES: Readonly<Record<KernelIsa, readonly KernelFamilyId[]>> = {
  'relaxed-simd': ['wasmrelaxedsimd-4x16c4', 'wasmrelaxedsimd-1x16c4', 'wasmsimd-4x16c2-xw', 'wasmsimd-1x16c2'],
  simd128: ['wasmsimd-4x16c2-xw', 'wasmsimd-1x16c2'],
  scalar: ['scalar-1x4'],
};

/** The input quantization kernel of each build. */
export const VCVT_KERNELS: Readonly<Record<KernelIsa, string>> = {
  'relaxed-simd': 'f32_q8_vcvt_rne_ukernel_x16__wasmsimd',
  simd128: 'f32_q8_vcvt_rne_ukernel_x16__wasmsimd',
  scalar: 'f32_q8_vcvt_rne_ukernel__scalar',
};

/** Whether two families read the same packed weights (a one-row and a multi-row kernel may share them). */
export function sharePackedLayout(a: KernelFamilyId, b: KernelFamilyId): boolean {
  const [x, y] = [KERNEL_FAMILIES[a], KERNEL_FAMILIES[b]];
  return x.nr === y.nr && x.kr === y.kr && x.weightBytes === y.weightBytes && x.requantBytes === y.requantBytes;
}

/** XNNPACK's file-style name of an export: qu8_qc8w_gemm_…_ukernel_1x16c2__wasmsimd_dot16x2 → qu8-qc8w-gemm-…-1x16c2-wasmsimd-dot16x2. */
export function kernelDisplayName(exportName: string): string {
  return exportName.replace('_ukernel_', '_').replace('__', '_').replaceAll('_', '-');
}

/** Every kernel reads past its inputs (whole vectors) and writes whole tiles into a staging area: buffers keep this slack. */
export const BUFFER_SLACK_BYTES = 64;
