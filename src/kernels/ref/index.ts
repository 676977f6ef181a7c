// The integer contract in TypeScript: the spec every INT8 kernel equals bit for bit (docs/quantization.md).
export * from './fixed-point';
export * from './quantize';
export * from './gemm';
export * from './mlp';
