// The fallback when the worker cannot run MediaPipe (no WebAssembly SIMD: its module build needs SIMD): the same endpoint on the page's thread.
import { createRecognizerEndpoint } from './endpoint';
import type { FromWorker, ToWorker } from './protocol';

/** Looks like a Worker to RecognizerClient; messages are handled on this thread, answers delivered asynchronously. */
export class InPageWorker extends EventTarget {
  private readonly handle = createRecognizerEndpoint((message: FromWorker) => {
    setTimeout(() => this.dispatchEvent(new MessageEvent('message', { data: message })), 0);
  }, false);
  private terminated = false;

  postMessage(message: ToWorker): void {
    if (this.terminated) return;
    // Defer like a real worker, so a frame is never recognised inside the caller's stack.
    setTimeout(() => !this.terminated && this.handle(message), 0);
  }

  terminate(): void {
    this.terminated = true;
  }
}
