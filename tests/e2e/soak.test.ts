// The soak (tools/soak.ts) for half a minute: every open palm reaches the overlay page and the mock OBS, and the summary line is complete.
import { GESTURE_LANDMARKS_IN_SHARED } from '../../tools/browser/landmark-feed';
import { runSoak } from '../../tools/soak';
import { browserTestsUnavailable } from './support/environment';
import { sharedDataMissing } from '../support/shared-data';

const unavailable = browserTestsUnavailable();
// runSoak reads the open palm from ../shared itself (GESTURE_LANDMARKS_CSV), whatever HANDCAST_SHARED_DIR says.
const dataMissing = sharedDataMissing('The soak test', GESTURE_LANDMARKS_IN_SHARED);

const SUMMARY_KEYS = ['minutes', 'framesProcessed', 'heapStartMB', 'heapEndMB', 'heapGrowthMB', 'maxStallMs', 'eventsExpected', 'eventsDelivered'];

describe.skipIf(unavailable || dataMissing)('soak (short)', () => {
  // Figures are reported, never asserted: this machine's load decides them. Only what must hold at any speed is checked.
  it('loses no event at either receiver and ends with a complete summary line', async () => {
    const lines: string[] = [];
    const result = await runSoak({ minutes: 0.5, log: (line) => lines.push(line) });
    console.log(lines.join('\n'));

    const { eventsExpected } = result.summary;
    expect(eventsExpected).toBeGreaterThan(0);
    expect(result.deliveries).toEqual({
      overlayMessages: eventsExpected, overlayEffects: eventsExpected, obsSceneSwitches: eventsExpected, obsVendorRequests: eventsExpected,
    });
    // Each event sends exactly its two actions; anything else the page asked OBS is a read (its scene list on
    // connecting, its sources for the camera list).
    const { SetCurrentProgramScene, CallVendorRequest, ...others } = result.obsRequests;
    expect({ SetCurrentProgramScene, CallVendorRequest }).toEqual({ SetCurrentProgramScene: eventsExpected, CallVendorRequest: eventsExpected });
    for (const requestType of Object.keys(others)) expect(requestType).toMatch(/^Get(SceneList|InputList|CurrentProgramScene|VideoSettings|Version)$/);
    expect(result.summary.framesProcessed).toBeGreaterThan(0);
    expect(result.uncaught).toEqual([]);

    const summary = JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
    expect(Object.keys(summary).sort()).toEqual([...SUMMARY_KEYS].sort());
    for (const key of SUMMARY_KEYS) expect(Number.isFinite(summary[key]), key).toBe(true);
    expect(summary.eventsDelivered).toBe(eventsExpected);
    for (const sample of result.samples) {
      expect([sample.heapMB, sample.overlayHeapMB, sample.domNodes, sample.overlayDomNodes].every(Number.isFinite)).toBe(true);
      // The recognizer runs in a worker here (Chromium has SIMD): its heap is read too, and on Linux the renderers'
      // private memory, which holds MediaPipe's WASM heap (tens of MB).
      expect(sample.workerHeapMB).toBeGreaterThan(0);
      if (process.platform === 'linux') expect(sample.rendererPrivateMB).toBeGreaterThan(30);
    }
  }, 300_000);
});
