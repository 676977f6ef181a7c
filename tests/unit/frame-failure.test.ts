// A frame failure the user can act on: MediaPipe's WebGL-less failure is put in words, anything else passes through.
import { frameFailureMessage } from '../../src/recognizer/endpoint';

describe('frameFailureMessage', () => {
  it('explains the missing-WebGL failure and keeps the original text', () => {
    const message = frameFailureMessage(new TypeError("Cannot read properties of undefined (reading 'activeTexture')"));
    expect(message).toMatch(/^This browser gives the hand landmarker no WebGL/);
    expect(message).toContain("reading 'activeTexture'");
    expect(message).toMatch(/hardware acceleration/);
  });

  it('passes other failures through as they are', () => {
    expect(frameFailureMessage(new Error('landmarker fault (test)'))).toBe('landmarker fault (test)');
    expect(frameFailureMessage('plain text')).toBe('plain text');
  });
});
