// Prints the loader's choice in this node process (run by loader.test.ts with V8 flags), one line.
import { loadKernels } from '../../src/kernels/loader';
import { nodeKernelBytes } from '../../tools/kernels-build';

const selection = await loadKernels({ loadBytes: nodeKernelBytes() });
console.log(selection.reason);
