// The On stream panel: nothing mapped at first, a mapping needs its names, a refused OBS address is explained, scenes
// are picked from OBS's list and a vanished one is named, and a profile with a bad entry keeps the good ones (and never takes a password).
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { StreamPanel } from '../../src/components/StreamPanel/StreamPanel';
import { exportProfile, parseProfile } from '../../src/session/stream-profile';
import { handcastStore } from '../../src/store';
import { DEFAULT_STREAM_SETTINGS, DISCONNECTED } from '../../src/store/stream-slice';

beforeEach(() => {
  handcastStore.getState().updateStream(DEFAULT_STREAM_SETTINGS);
  handcastStore.getState().setRecognizer('idle', null);
  handcastStore.getState().setObsStatus(DISCONNECTED);
  handcastStore.getState().setObsScenes(null);
});

/** The page as connected to an OBS that listed these scenes (what connectObs and refreshObsScenes leave in the store). */
function obsListed(scenes: readonly string[]) {
  act(() => {
    handcastStore.getState().setObsStatus({ state: 'connected', message: 'Connected to OBS at ws://127.0.0.1:4455.', retryInMs: null });
    handcastStore.getState().setObsScenes(scenes);
  });
}

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

describe('gestures per scene', () => {
  const sceneBox = (name: string) => within(screen.getByRole('group', { name: 'Only in scenes' })).getByRole('checkbox', { name });

  it('offers OBS\'s scenes once connected, and limits the new mapping to the ticked ones', () => {
    render(<StreamPanel />);
    expect(screen.getByText(/Connect to OBS to limit this mapping/)).toBeTruthy();
    obsListed(['Just chatting', 'Game', 'BRB']);
    expect(within(screen.getByRole('group', { name: 'Only in scenes' })).getAllByRole('checkbox').map((box) => box.parentElement?.textContent?.trim()))
      .toEqual(['Just chatting', 'Game', 'BRB']);
    fireEvent.change(screen.getByLabelText('Mapped gesture'), { target: { value: 'swipe_up' } });
    fireEvent.click(sceneBox('BRB'));
    fireEvent.click(sceneBox('Just chatting'));
    fireEvent.click(sceneBox('BRB'));
    fireEvent.click(screen.getByRole('button', { name: 'Add mapping' }));
    expect(handcastStore.getState().stream.mappings[0]).toMatchObject({ gesture: 'swipe_up', scenes: ['Just chatting'], action: { kind: 'overlay-effect' } });
    expect(screen.getByTestId('mapping').textContent).toContain('only in "Just chatting"');
    expect(screen.getByRole('button', { name: 'Refresh scenes' })).toBeTruthy();
  });

  it('adds a mapping for every scene when none is ticked, and keeps a ticked scene OBS stopped listing visible', () => {
    render(<StreamPanel />);
    obsListed(['Just chatting', 'Game']);
    fireEvent.change(screen.getByLabelText('Mapped gesture'), { target: { value: 'swipe_up' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add mapping' }));
    expect('scenes' in handcastStore.getState().stream.mappings[0]).toBe(false);
    expect(screen.queryByTestId('mapping-scenes')).toBeNull();
    fireEvent.click(sceneBox('Game'));
    obsListed(['Just chatting']);
    expect(sceneBox('Game (no longer in OBS)')).toMatchObject({ checked: true });
    fireEvent.click(screen.getByRole('button', { name: 'Add mapping' }));
    expect(handcastStore.getState().stream.mappings[1].scenes).toEqual(['Game']);
  });

  it('says when a mapping\'s scene no longer exists in OBS, and nothing while OBS\'s list is unknown', () => {
    act(() => handcastStore.getState().updateStream({
      mappings: [
        { id: 'a', gesture: 'thumb_up', hand: 'any', scenes: ['Starting soon', 'Just chatting'], action: { kind: 'overlay-effect', effect: 'confetti' } },
        { id: 'b', gesture: 'fist', hand: 'any', scenes: ['Old game'], action: { kind: 'hotkey', hotkeyName: 'OBSBasic.Screenshot' } },
      ],
    }));
    render(<StreamPanel />);
    expect(screen.queryAllByRole('note')).toEqual([]);
    obsListed(['Just chatting', 'Game']);
    expect(screen.getAllByRole('note').map((note) => note.textContent)).toEqual([
      ' · OBS has no scene "Starting soon" any more: this mapping fires only in "Just chatting".',
      ' · OBS has no scene "Old game" any more: this mapping never fires. Rename the scene back in OBS, or remove the mapping and add it again.',
    ]);
    obsListed(['Just chatting', 'Game', 'Starting soon', 'Old game']);
    expect(screen.queryAllByRole('note')).toEqual([]);
  });
});

describe('profiles', () => {
  it('round-trips the mappings, scene names included, and leaves the password out', () => {
    act(() => handcastStore.getState().updateStream({
      dryRun: true,
      mappings: [
        { id: 'a', gesture: 'thumb_up', hand: 'Right', action: { kind: 'overlay-effect', effect: 'confetti' } },
        { id: 'b', gesture: 'fist', hand: 'any', scenes: ['Just chatting', 'Starting soon'], action: { kind: 'overlay-effect', effect: 'confetti' } },
      ],
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
