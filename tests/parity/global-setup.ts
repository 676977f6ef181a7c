// Builds the kernels the parity tests load, once per run (test files run in parallel workers).
import { ensureKernelBuilds } from './tester';

export default function setup(): void {
  ensureKernelBuilds();
}
