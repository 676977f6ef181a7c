// Camera failures become messages a streamer can act on, and OBS's Virtual Camera is told apart from real webcams by its label.
import { isObsVirtualCameraLabel } from '../../src/core/camera/obs-virtual-camera.ts';
import { describeCameraFailure } from '../../src/vision/camera.ts';

describe('describeCameraFailure: a camera another program holds', () => {
  it.each([
    ['NotReadableError', 'Could not start video source'], // Chrome and Edge
    ['TrackStartError', 'Could not start video source'], // older Chrome
    ['AbortError', 'Starting videoinput failed'], // Firefox
  ])('%s is "busy" and says how to share the webcam with OBS', (name, message) => {
    const error = describeCameraFailure(new DOMException(message, name));
    expect(error.kind).toBe('busy');
    expect(error.message).toMatch(/^The camera is busy/);
    expect(error.message).toContain('OBS');
    expect(error.message).toContain('Virtual Camera');
    expect(error.message).toMatch(/not Program/);
    expect(error.message).toContain('README: Use it on stream › The webcam OBS already owns');
  });

  it('keeps the other failures apart from "busy"', () => {
    expect(describeCameraFailure(new DOMException('denied', 'NotAllowedError')).kind).toBe('denied');
    expect(describeCameraFailure(new DOMException('none', 'NotFoundError')).kind).toBe('not-found');
    expect(describeCameraFailure(new DOMException('too big', 'OverconstrainedError')).kind).toBe('overconstrained');
    const unknown = describeCameraFailure(new Error('odd'));
    expect(unknown.kind).toBe('unknown');
    expect(unknown.message).not.toContain('Virtual Camera');
  });
});

describe('isObsVirtualCameraLabel', () => {
  it.each([
    'OBS Virtual Camera', // Windows, macOS, and the label OBS gives its v4l2loopback device on Linux
    'OBS Virtual Camera (m-de:vice)',
    'obs virtual camera',
    'OBS-Camera', // the old obs-virtual-cam plugin
    'OBS Cam', // the card_label of many Linux guides
    'Dummy video device (0x0000)', // v4l2loopback loaded without a label
    '  OBS Virtual Camera  ',
  ])('recognises %j', (label) => {
    expect(isObsVirtualCameraLabel(label)).toBe(true);
  });

  it.each([
    'Logitech BRIO (046d:085e)',
    'FaceTime HD Camera',
    'Integrated Webcam',
    'HD Pro Webcam C920',
    'NVIDIA Broadcast',
    'Snap Camera',
    'Virtual Camera',
    'Camera 1',
    'My OBS Virtual Camera copy', // not at the start: some other device named after it
    'OBSBOT Tiny 2 StreamCamera', // a real webcam whose brand starts with OBS
    '',
  ])('does not take %j for it', (label) => {
    expect(isObsVirtualCameraLabel(label)).toBe(false);
  });
});
