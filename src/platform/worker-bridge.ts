// One bridge to a worker's endpoint: a module worker, or the same endpoint on the page's thread where no worker can run it.

/** The Worker surface the clients use, so the in-page stand-in can take a real worker's place. */
export interface WorkerLike<In> extends EventTarget {
  postMessage(message: In, transfer?: Transferable[]): void;
  terminate(): void;
}

/** Where an endpoint runs: a module worker, or the page itself. */
export type WorkerPlacement = 'worker' | 'page';

/**
 * Builds an endpoint's message handler; answers go out through `post`. `stopped` aborts when the stand-in is
 * terminated, so work in progress can stop the way a terminated worker's would.
 */
export type EndpointFactory<In, Out> = (post: (message: Out) => void, stopped: AbortSignal) => (message: In) => void;

/**
 * Looks like a Worker; messages run the endpoint on this thread. Both directions are delivered on a later task,
 * like a real worker's, so nothing runs inside the caller's stack. After terminate() nothing more is handled or
 * delivered, including messages already queued. The endpoint's module is loaded by `load`, so pages that never
 * fall back never download it.
 */
export class InPageWorker<In, Out> extends EventTarget implements WorkerLike<In> {
  private readonly stop = new AbortController();
  private readonly handle: Promise<(message: In) => void>;

  /** `what` names the endpoint in the error a failed load raises ("<what> could not load: …"). */
  constructor(load: () => Promise<EndpointFactory<In, Out>>, private readonly what: string) {
    super();
    this.handle = load().then((create) => create((message) => this.deliver(message), this.stop.signal));
  }

  private get terminated(): boolean {
    return this.stop.signal.aborted;
  }

  postMessage(message: In): void {
    if (this.terminated) return;
    void this.handle.then(
      (handle) => setTimeout(() => {
        if (!this.terminated) handle(message);
      }, 0),
      (error: unknown) => {
        if (!this.terminated) this.dispatchEvent(new ErrorEvent('error', { message: `${this.what} could not load: ${String(error)}` }));
      },
    );
  }

  terminate(): void {
    this.stop.abort();
  }

  private deliver(message: Out): void {
    setTimeout(() => {
      if (!this.terminated) this.dispatchEvent(new MessageEvent('message', { data: message }));
    }, 0);
  }
}

/**
 * The worker for `placement`, falling back to the page's thread when the worker cannot be made (no module
 * workers). Returns where it ended up running.
 */
export function openWorker<In>(
  placement: WorkerPlacement, createWorker: () => WorkerLike<In>, createInPage: () => WorkerLike<In>,
): { readonly worker: WorkerLike<In>; readonly placement: WorkerPlacement } {
  if (placement === 'worker') {
    try {
      return { worker: createWorker(), placement: 'worker' };
    } catch {
      // Fall through to the page's thread.
    }
  }
  return { worker: createInPage(), placement: 'page' };
}
