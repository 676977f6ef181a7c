// The fallback when the worker cannot run MediaPipe (no WebAssembly SIMD: its module build needs SIMD): the same endpoint on the page's thread.
import type { FromWorker, ToWorker } from './protocol';

/**
 * Looks like a Worker to RecognizerClient; messages are handled on this thread, answers delivered asynchronously.
 * The endpoint (and MediaPipe with it) is imported lazily, so pages that never fall back never download it.
 */
export class InPageWorker extends EventTarget {
  private readonly handle = import('./endpoint').then(({ createRecognizerEndpoint }) =>
    createRecognizerEndpoint((message: FromWorker) => {
      setTimeout(() => this.dispatchEvent(new MessageEvent('message', { data: message })), 0);
    }, false),
  );
  private terminated = false;

  postMessage(message: ToWorker): void {
    if (this.terminated) return;
    // Deferred like a real worker, so a frame is never recognised inside the caller's stack.
    void this.handle.then(
      (handle) => setTimeout(() => !this.terminated && handle(message), 0),
      (error: unknown) => this.dispatchEvent(new ErrorEvent('error', { message: `The recognizer could not load: ${String(error)}` })),
    );
  }

  terminate(): void {
    this.terminated = true;
  }
}
