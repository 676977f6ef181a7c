// The On stream panel: nothing mapped at first, a mapping needs its names, a refused OBS address is explained, and
// a profile with a bad entry keeps the good ones (and never takes a password).
import { act, fireEvent, render, screen } from '@testing-library/react';
import { StreamPanel } from '../../src/components/StreamPanel/StreamPanel';
import { exportProfile, parseProfile } from '../../src/session/stream-profile';
import { handcastStore } from '../../src/store';
import { DEFAULT_STREAM_SETTINGS } from '../../src/store/stream-slice';

beforeEach(() => {
  handcastStore.getState().updateStream(DEFAULT_STREAM_SETTINGS);
  handcastStore.getState().setRecognizer('idle', null);
});

describe('StreamPanel', () => {
  it('starts with nothing mapped, asks for the missing name, then lists the mapping', () => {
    render(<StreamPanel />);
    expect(screen.getByText(/Nothing is mapped/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Mapped gesture'), { target: { value: 'swipe_left' } });
    fireEvent.change(screen.getByLabelText('Mapped action'), { target: { value: 'switch-scene' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add mapping' }));
    expect(screen.getByText('Type the scene name.')).toBeTruthy();
    expect(handcastStore.getState().stream.mappings).toEqual([]);
    fireEvent.change(screen.getByLabelText('Scene name'), { target: { value: 'BRB' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add mapping' }));
    expect(screen.getAllByTestId('mapping').map((li) => li.textContent)).toEqual([expect.stringContaining('swipe_left → switch to scene "BRB"')]);
    expect(handcastStore.getState().stream.mappings[0]).toMatchObject({ gesture: 'swipe_left', hand: 'any', action: { kind: 'switch-scene', sceneName: 'BRB' } });
  });

  it('refuses an OBS address off this computer, or with credentials in it, before connecting', () => {
    render(<StreamPanel />);
    const address = screen.getByLabelText('OBS websocket address');
    fireEvent.change(address, { target: { value: 'ws://192.168.1.20:4455' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(screen.getByText(/talks to OBS on this computer only/)).toBeTruthy();
    fireEvent.change(address, { target: { value: 'ws://user:secret@127.0.0.1:4455' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(screen.getByText(/Leave credentials out of the OBS address/)).toBeTruthy();
    expect(handcastStore.getState().obsStatus.state).toBe('disconnected');
  });
});

describe('profiles', () => {
  it('round-trips the mappings and leaves the password out', () => {
    act(() => handcastStore.getState().updateStream({
      dryRun: true,
      mappings: [{ id: 'a', gesture: 'thumb_up', hand: 'Right', action: { kind: 'overlay-effect', effect: 'confetti' } }],
    }));
    localStorage.setItem('handcast.obs-password.v1', 'pw-in-storage');
    const text = exportProfile();
    expect(text).not.toContain('pw-in-storage');
    const { settings, problems } = parseProfile(text);
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({ dryRun: true, mappings: handcastStore.getState().stream.mappings });
  });

  it('names what it skips and refuses what is not a profile', () => {
    const parsed = parseProfile(JSON.stringify({
      format: 'handcast-profile', version: 1, password: 'x',
      mappings: [{ id: 'a', gesture: 'fist', hand: 'any', action: { kind: 'hotkey', hotkeyName: 'OBSBasic.Screenshot' } }, { id: 'b', gesture: 'fist' }],
    }));
    expect(parsed.settings?.mappings).toHaveLength(1);
    expect(parsed.problems[0]).toMatch(/password: it was ignored/);
    expect(parsed.problems.some((p) => p.startsWith('mapping 2 ("b")'))).toBe(true);
    expect(parseProfile('{"format":"something-else"}')).toEqual({ settings: null, problems: [expect.stringMatching(/not a Handcast profile/)] });
    expect(parseProfile('{').settings).toBeNull();
  });
});
