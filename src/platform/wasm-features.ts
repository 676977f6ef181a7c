// Which WebAssembly features this browser has, probed with tiny modules (the way wasm-feature-detect does it).

/** A module whose only function returns i8x16.splat(0): valid only where SIMD128 is supported. */
const SIMD128_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: () -> v128
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x0a, 0x01, 0x08, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0xfd, 0x62, 0x0b, // code: i32.const 0; i8x16.splat; i8x16.popcnt; end
]);

export interface WasmSupport {
  readonly webAssembly: boolean;
  readonly simd128: boolean;
}

export function probeWasmSupport(): WasmSupport {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') return { webAssembly: false, simd128: false };
  let simd128 = false;
  try {
    simd128 = WebAssembly.validate(SIMD128_PROBE);
  } catch {
    simd128 = false;
  }
  return { webAssembly: true, simd128 };
}
