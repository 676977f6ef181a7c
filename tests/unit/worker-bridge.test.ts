// The in-page worker bridge with a fake endpoint: deferred delivery both ways, terminate stops everything, load failures, fallback.
import { InPageWorker, openWorker, type EndpointFactory, type WorkerLike } from '../../src/platform/worker-bridge.ts';

type In = { readonly n: number };
type Out = { readonly echo: number };

/** An endpoint that records what it handles and answers each message with its number (unless `echo` is false). */
function echoEndpoint(echo = true) {
  const handled: number[] = [];
  let signal: AbortSignal | null = null;
  let answer: (message: Out) => void = () => {};
  const factory: EndpointFactory<In, Out> = (post, stopped) => {
    signal = stopped;
    answer = post;
    return (message) => {
      handled.push(message.n);
      if (echo) post({ echo: message.n });
    };
  };
  return { factory, handled, stopped: () => signal, post: (message: Out) => answer(message) };
}

function received(worker: EventTarget): number[] {
  const answers: number[] = [];
  worker.addEventListener('message', (event) => answers.push((event as MessageEvent<Out>).data.echo));
  return answers;
}

/** Node has no ErrorEvent: a stand-in carrying `message`, as the bridge dispatches it. */
class ErrorEventStub extends Event {
  readonly message: string;
  constructor(type: string, init: { message: string }) {
    super(type);
    this.message = init.message;
  }
}

describe('InPageWorker', () => {
  it('handles messages and delivers answers on later tasks, never inside the caller', async () => {
    const endpoint = echoEndpoint();
    const worker = new InPageWorker<In, Out>(async () => endpoint.factory, 'echo');
    const answers = received(worker);
    worker.postMessage({ n: 1 });
    worker.postMessage({ n: 2 });
    expect(endpoint.handled).toEqual([]);
    await vi.waitFor(() => expect(answers).toEqual([1, 2]));
    expect(endpoint.handled).toEqual([1, 2]);
  });

  it('after terminate() handles nothing more, even messages already queued, and aborts the endpoint signal', async () => {
    const endpoint = echoEndpoint(false);
    const worker = new InPageWorker<In, Out>(async () => endpoint.factory, 'echo');
    const answers = received(worker);
    worker.postMessage({ n: 1 });
    await vi.waitFor(() => expect(endpoint.handled).toEqual([1]));
    expect(endpoint.stopped()?.aborted).toBe(false);
    // An answer is posted but not yet delivered; 2 is queued but not yet handled.
    endpoint.post({ echo: 1 });
    worker.postMessage({ n: 2 });
    worker.terminate();
    worker.postMessage({ n: 3 });
    expect(endpoint.stopped()?.aborted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(endpoint.handled).toEqual([1]);
    expect(answers).toEqual([]);
  });

  it('reports a failed load as an error event naming the endpoint, and stays quiet once terminated', async () => {
    vi.stubGlobal('ErrorEvent', ErrorEventStub);
    try {
      const worker = new InPageWorker<In, Out>(() => Promise.reject(new Error('chunk missing')), 'The echo');
      const errors: string[] = [];
      worker.addEventListener('error', (event) => errors.push((event as ErrorEventStub).message));
      worker.postMessage({ n: 1 });
      await vi.waitFor(() => expect(errors).toEqual(['The echo could not load: Error: chunk missing']));
      worker.terminate();
      worker.postMessage({ n: 2 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(errors).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('openWorker', () => {
  const inPage = () => new InPageWorker<In, Out>(async () => echoEndpoint().factory, 'echo');
  const fakeWorker = new EventTarget() as WorkerLike<In>;

  it('uses the worker when it can be made', () => {
    expect(openWorker('worker', () => fakeWorker, inPage)).toEqual({ worker: fakeWorker, placement: 'worker' });
  });

  it('falls back to the page when the worker cannot be made', () => {
    const opened = openWorker('worker', () => {
      throw new Error('Worker is not defined');
    }, inPage);
    expect(opened.placement).toBe('page');
    expect(opened.worker).toBeInstanceOf(InPageWorker);
  });

  it('runs on the page when asked, without trying the worker', () => {
    const createWorker = vi.fn(() => fakeWorker);
    expect(openWorker('page', createWorker, inPage).placement).toBe('page');
    expect(createWorker).not.toHaveBeenCalled();
  });
});
