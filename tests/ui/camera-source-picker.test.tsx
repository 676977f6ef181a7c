// The camera source picker: OBS's inputs with cameras first, the pick saved (and exported), the follow status shown, and the flip read from OBS in place of the checkbox.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { CameraSourcePicker } from '../../src/components/StreamPanel/CameraSourcePicker';
import { exportProfile, parseProfile } from '../../src/session/stream-profile';
import { handcastStore } from '../../src/store';
import { DEFAULT_STREAM_SETTINGS, NOT_FOLLOWING, loadStreamSettings } from '../../src/store/stream-slice';

const INPUTS = [
  { name: 'Facecam', kind: 'dshow_input', isCamera: true },
  { name: 'Game capture', kind: 'game_capture', isCamera: false },
];

beforeEach(() => {
  handcastStore.getState().updateStream(DEFAULT_STREAM_SETTINGS);
  handcastStore.getState().setCameraFollow(NOT_FOLLOWING);
});

describe('CameraSourcePicker', () => {
  it('offers no source and the "flipped" checkbox until OBS lists its inputs', () => {
    render(<CameraSourcePicker />);
    const picker = screen.getByLabelText('Camera source in OBS');
    expect(within(picker).getAllByRole('option').map((option) => option.textContent)).toEqual(['none: effects use the whole canvas']);
    fireEvent.click(screen.getByLabelText(/My camera source is flipped in OBS/));
    expect(handcastStore.getState().stream.obsCameraMirrored).toBe(true);
  });

  it('lists cameras before other sources, saves the pick, and shows the flip read from OBS instead of the checkbox', () => {
    render(<CameraSourcePicker />);
    act(() => handcastStore.getState().setCameraFollow({ ...NOT_FOLLOWING, inputs: INPUTS }));
    const picker = screen.getByLabelText('Camera source in OBS');
    expect(within(picker).getByRole('group', { name: 'Cameras' }).textContent).toBe('Facecam');
    expect(within(picker).getByRole('group', { name: 'Other sources' }).textContent).toBe('Game capture');
    fireEvent.change(picker, { target: { value: 'Facecam' } });
    expect(handcastStore.getState().stream.obsCameraSource).toBe('Facecam');
    expect(screen.queryByLabelText(/My camera source is flipped in OBS/)).toBeNull();
    act(() => handcastStore.getState().setCameraFollow({
      inputs: INPUTS, inputsProblem: null,
      summary: { state: 'following', message: 'Following "Facecam" in scene "Game", canvas 2560×1440: effects land on your hand.', mirrored: true, canvas: { width: 2560, height: 1440 } },
    }));
    expect(screen.getByTestId('camera-follow').textContent).toContain('Following "Facecam" in scene "Game"');
    expect(screen.getByTestId('camera-follow').dataset.state).toBe('following');
    expect(screen.getByTestId('camera-flip').textContent).toBe('Flip read from OBS: mirrored.');
    expect(screen.getByText(/Give the overlay Browser source the canvas size, 2560×1440/)).toBeTruthy();
  });

  it('keeps a saved source OBS does not list, marked as such', () => {
    act(() => handcastStore.getState().updateStream({ obsCameraSource: 'Old webcam' }));
    render(<CameraSourcePicker />);
    act(() => handcastStore.getState().setCameraFollow({ ...NOT_FOLLOWING, inputs: INPUTS }));
    expect((screen.getByLabelText('Camera source in OBS') as HTMLSelectElement).selectedOptions[0].textContent).toBe('Old webcam (not in OBS)');
  });
});

describe('the camera source in saved settings and profiles', () => {
  it('round-trips through a profile, and a bad one is named and not applied', () => {
    act(() => handcastStore.getState().updateStream({ obsCameraSource: 'Facecam' }));
    expect(parseProfile(exportProfile())).toEqual({ settings: expect.objectContaining({ obsCameraSource: 'Facecam' }), problems: [] });
    const bad = parseProfile(JSON.stringify({ format: 'handcast-profile', version: 1, obsCameraSource: { name: 'x' } }));
    expect(bad.settings).not.toHaveProperty('obsCameraSource');
    expect(bad.problems).toEqual(['obsCameraSource must be a source name (text), got an object: kept the current camera source']);
  });

  it('loads from storage, falling back to none for a malformed name', () => {
    const stored = (value: unknown) => ({ getItem: () => JSON.stringify({ obsCameraSource: value }) });
    expect(loadStreamSettings(stored('Facecam')).obsCameraSource).toBe('Facecam');
    expect(loadStreamSettings(stored(42)).obsCameraSource).toBe('');
    expect(loadStreamSettings(stored('two\nlines')).obsCameraSource).toBe('');
  });
});
