// The camera read from OBS screenshots: device ids, the input list, and the pump that keeps frames coming in order.
import {
  ScreenshotPump, cameraInputsFirst, obsSourceCameraLabel, obsSourceDeviceId, obsSourceNameOf, readInputList,
  type ScreenshotPumpEnd, type ScreenshotRequester,
} from '../../src/core/camera/obs-source-camera';

describe('OBS source device ids', () => {
  it('round-trips a source name, any characters included, and leaves real cameras alone', () => {
    for (const name of ['Webcam', 'Cam: left / 1', '']) expect(obsSourceNameOf(obsSourceDeviceId(name))).toBe(name);
    expect(obsSourceNameOf('3f2a9c')).toBeNull();
    expect(obsSourceNameOf(undefined)).toBeNull();
    expect(obsSourceCameraLabel('Facecam')).toBe('from OBS: Facecam');
  });
});

describe('OBS inputs for the camera list', () => {
  it('puts camera kinds first, each group in OBS order, and skips malformed entries', () => {
    const inputs = readInputList({
      inputs: [
        { inputName: 'Game', inputKind: 'game_capture' },
        { inputName: 'Facecam', inputKind: 'dshow_input' },
        { inputName: 42, inputKind: 'v4l2_input' },
        null,
        { inputName: 'Mic', inputKind: 'wasapi_input_capture' },
        { inputName: 'Cam 2', inputKind: 'v4l2_input' },
      ],
    });
    expect(cameraInputsFirst(inputs).map((i) => i.inputName)).toEqual(['Facecam', 'Cam 2', 'Game', 'Mic']);
    expect(readInputList({ inputs: 'nope' })).toEqual([]);
  });
});

/** A fake OBS: each request waits until the test answers it; answers carry the request's number as the "JPEG". */
function scriptedObs() {
  const pending: { data: Readonly<Record<string, unknown>>; answer: (result: Awaited<ReturnType<ScreenshotRequester>>) => void }[] = [];
  let asked = 0;
  const request: ScreenshotRequester = (_type, data) => new Promise((answer) => {
    pending.push({ data, answer });
    asked += 1;
  });
  return {
    request,
    get asked() { return asked; },
    pending,
    /** Answers the oldest outstanding request with a picture whose content is `content`. */
    answerNext(content: string) {
      pending.shift()!.answer({ ok: true, responseData: { imageData: `data:image/jpeg;base64,${content}` } });
    },
    failNext(result: Awaited<ReturnType<ScreenshotRequester>>) {
      pending.shift()!.answer(result);
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function pumpWith(obs: ReturnType<typeof scriptedObs>, decode: (base64: string) => Promise<string> = async (b) => b) {
  const shown: string[] = [];
  const closed: string[] = [];
  const ends: ScreenshotPumpEnd[] = [];
  const pump = new ScreenshotPump<string>({
    request: obs.request, sourceName: 'Facecam', maxSide: 640, decode, minRequestIntervalMs: 0, inFlight: 2,
    present: (frame) => shown.push(frame), close: (frame) => closed.push(frame), onEnd: (end) => ends.push(end),
  });
  return { pump, shown, closed, ends };
}

describe('ScreenshotPump', () => {
  it('asks for JPEG screenshots of the source scaled inside the landmarker size, keeps as many outstanding as asked, shows each answer', async () => {
    const obs = scriptedObs();
    const { pump, shown } = pumpWith(obs);
    const started = pump.start();
    expect(obs.pending[0].data).toMatchObject({ sourceName: 'Facecam', imageFormat: 'jpeg', imageWidth: 640, imageHeight: 640 });
    obs.answerNext('first');
    await started;
    await settle();
    expect(shown).toEqual(['first']);
    expect(obs.pending).toHaveLength(2);
    obs.answerNext('second');
    await settle();
    expect(shown).toEqual(['first', 'second']);
    expect(obs.pending).toHaveLength(2);
    pump.stop();
  });

  it('never shows a frame older than the one on show (an answer the decoder let overtake)', async () => {
    const obs = scriptedObs();
    const slow: Record<string, () => void> = {};
    const decode = (b: string) => new Promise<string>((resolve) => {
      if (b === 'old') slow.old = () => resolve(b);
      else resolve(b);
    });
    const { pump, shown, closed } = pumpWith(obs, decode);
    const started = pump.start();
    obs.answerNext('first');
    await started;
    await settle();
    obs.answerNext('old');
    obs.answerNext('new');
    await settle();
    slow.old();
    await settle();
    expect(shown).toEqual(['first', 'new']);
    expect(closed).toEqual(['old']);
    pump.stop();
  });

  it('refuses to start when the source does not exist, with a message that names it', async () => {
    const obs = scriptedObs();
    const { pump } = pumpWith(obs);
    const started = pump.start();
    obs.failNext({ ok: false, reason: 'obs-error', code: 600, message: 'No source was found' });
    await expect(started).rejects.toThrow(/no source named “Facecam”/);
  });

  it('ends once, saying so, when OBS goes away; skips a broken picture or two without ending', async () => {
    const obs = scriptedObs();
    const { pump, shown, ends } = pumpWith(obs);
    const started = pump.start();
    obs.answerNext('first');
    await started;
    await settle();
    obs.failNext({ ok: true, responseData: { imageData: 'data:image/png;base64,iVBORw0KGgo=' } });
    obs.failNext({ ok: false, reason: 'timeout', message: 'no answer in 2000 ms' });
    await settle();
    expect(ends).toEqual([]);
    obs.answerNext('after');
    await settle();
    expect(shown).toEqual(['first', 'after']);
    obs.failNext({ ok: false, reason: 'connection-lost', message: 'socket closed' });
    obs.failNext({ ok: false, reason: 'not-connected', message: 'not connected' });
    await settle();
    expect(ends).toHaveLength(1);
    expect(ends[0].kind).toBe('obs-lost');
    expect(obs.pending).toHaveLength(0);
  });

  it('starts requests no more often than the camera frame interval, however fast OBS answers', async () => {
    let asked = 0;
    const pump = new ScreenshotPump<string>({
      request: async () => {
        asked += 1;
        return { ok: true, responseData: { imageData: 'data:image/jpeg;base64,AAAA' } };
      },
      sourceName: 'Facecam', maxSide: 640, decode: async (b) => b, present: () => undefined, close: () => undefined, onEnd: () => undefined,
      minRequestIntervalMs: 20,
    });
    await pump.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    pump.stop();
    // 200 ms at one request per 20 ms: about 10 (timers may run late, never early).
    expect(asked).toBeGreaterThanOrEqual(3);
    expect(asked).toBeLessThanOrEqual(12);
  });

  it('stops asking after stop(), and closes what arrives afterwards', async () => {
    const obs = scriptedObs();
    const { pump, shown, closed, ends } = pumpWith(obs);
    const started = pump.start();
    obs.answerNext('first');
    await started;
    await settle();
    pump.stop();
    obs.answerNext('late-1');
    obs.answerNext('late-2');
    await settle();
    expect(shown).toEqual(['first']);
    expect(closed).toEqual(['late-1', 'late-2']);
    expect(obs.pending).toHaveLength(0);
    expect(ends).toEqual([]);
  });
});
