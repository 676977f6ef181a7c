// Estimates the CPU clock from a WebAssembly loop whose every iteration is a chain of 16 dependent one-cycle integer ops.

/** Dependent operations per loop iteration: 8 × (i32.add imm, i32.xor imm), each needing the previous result. */
const CHAIN_LENGTH = 16;
const ADD_CONSTANTS = [3, 5, 7, 11, 13, 17, 19, 23];
const XOR_CONSTANTS = [29, 31, 37, 41, 43, 47, 53, 59];

/**
 * (func (export "chain") (param $n i32) (param $x i32) (result i32)
 *   (loop  x = ((x + 3) ^ 29) + 5 ^ 31 …  ;; 16 ops
 *          br_if (n = n − 1) ≠ 0)
 *   x)
 * Add and xor with constants cannot be folded together, so the chain stays 16 ops long; each has a latency of one
 * cycle on any current x86 or ARM core, and the loop counter runs in parallel: one iteration ≈ 16 cycles.
 */
function chainModuleBytes(): Uint8Array<ArrayBuffer> {
  const body: number[] = [0x00, 0x03, 0x40, 0x20, 0x01]; // no locals; loop; local.get $x
  ADD_CONSTANTS.forEach((add, i) => body.push(0x41, add, 0x6a, 0x41, XOR_CONSTANTS[i], 0x73)); // i32.const; i32.add; i32.const; i32.xor
  body.push(0x21, 0x01); // local.set $x
  body.push(0x20, 0x00, 0x41, 0x01, 0x6b, 0x22, 0x00, 0x0d, 0x00); // local.get $n; i32.const 1; i32.sub; local.tee $n; br_if 0
  body.push(0x0b, 0x20, 0x01, 0x0b); // end loop; local.get $x; end
  const section = (id: number, content: number[]): number[] => [id, content.length, ...content];
  const name = [...'chain'].map((c) => c.charCodeAt(0));
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f]), // (i32, i32) → i32
    ...section(3, [0x01, 0x00]),
    ...section(7, [0x01, name.length, ...name, 0x00, 0x00]),
    ...section(10, [0x01, body.length, ...body]),
  ]);
}

export interface ClockEstimate {
  readonly mhz: number;
  readonly method: string;
}

/**
 * The fastest of many timed runs spread over `budgetMs` (noise only ever slows a run down), as MHz. Between runs
 * the event loop turns, so the engine can install its optimised code for the function (a baseline compiler's
 * code would be slower and understate the clock).
 */
export async function measureClockMhz(budgetMs = 1500, iterations = 1_000_000): Promise<ClockEstimate> {
  const { instance } = await WebAssembly.instantiate(chainModuleBytes(), {});
  const chain = instance.exports.chain as (n: number, x: number) => number;
  let kept = 0;
  let best = Infinity;
  let runs = 0;
  const end = performance.now() + budgetMs;
  while (performance.now() < end || runs < 5) {
    const start = performance.now();
    kept += chain(iterations, runs);
    best = Math.min(best, performance.now() - start);
    runs += 1;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (Number.isNaN(kept)) throw new Error('unreachable');
  return {
    mhz: (iterations * CHAIN_LENGTH) / (best * 1e3),
    method: `timed a WebAssembly chain of ${CHAIN_LENGTH} dependent 1-cycle integer ops × ${iterations / 1e6}M iterations, fastest of ${runs} runs`,
  };
}
