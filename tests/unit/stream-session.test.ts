// Gesture events across Stop and Start: stopping the camera forgets holds, so a pose held before Stop needs a fresh hold after Start.
import type { RecognizedHand } from '../../src/recognizer/protocol.ts';
import { hand } from './gesture-fixtures.ts';
import { sharedSourcesMissing } from './shared-data.ts';

const dataMissing = sharedSourcesMissing('stream-session');

const ASPECT = 4 / 3;

/** Fresh session modules (their engine is module state), with the motion model's fetch left pending. */
async function freshSessions() {
  vi.resetModules();
  vi.stubGlobal('fetch', () => new Promise(() => {}));
  const stream = await import('../../src/session/stream-session.ts');
  const recognition = await import('../../src/session/recognition-session.ts');
  return { stream, recognition };
}

describe.skipIf(dataMissing !== null)('stream session: Stop forgets gesture holds', () => {
  afterEach(() => vi.unstubAllGlobals());
  const held = dataMissing === null ? hand({ gesture: 'thumb_up' }) : null;
  const thumbUp: RecognizedHand[] = held ? [{ ...held, landmarks: [...held.landmarks], handednessScore: 1 }] : [];

  /** Offers thumb_up every 50 ms from `fromMs` to `toMs`; returns the events fired meanwhile. */
  function holdThumbUp(stream: Awaited<ReturnType<typeof freshSessions>>['stream'], fromMs: number, toMs: number): number {
    const before = stream.gestureEventsFired();
    for (let t = fromMs; t <= toMs; t += 50) stream.offerHandsToStream(thumbUp, ASPECT, t);
    return stream.gestureEventsFired() - before;
  }

  it('without a Stop, a pose held 200 ms before a pause completes on the first frame after it', async () => {
    const { stream } = await freshSessions();
    expect(holdThumbUp(stream, 0, 200)).toBe(0);
    expect(holdThumbUp(stream, 10_000, 10_000)).toBe(1);
  });

  it('after Stop, the same pose fires only once held anew for the hold time', async () => {
    const { stream, recognition } = await freshSessions();
    expect(holdThumbUp(stream, 0, 200)).toBe(0);
    recognition.stopSession();
    expect(holdThumbUp(stream, 10_000, 10_250)).toBe(0);
    expect(holdThumbUp(stream, 10_300, 10_300)).toBe(1);
  });
});
