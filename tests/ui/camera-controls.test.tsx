// The camera controls say which camera the session reads, and flag OBS's Virtual Camera with what its output must be.
import { act, render, screen } from '@testing-library/react';
import { CameraControls } from '../../src/components/CameraControls/CameraControls';
import { handcastStore } from '../../src/store';

beforeEach(() => {
  handcastStore.getState().setActiveCamera(null);
  handcastStore.getState().setCameras([]);
  handcastStore.getState().setCameraStatus('idle');
});

describe('CameraControls: the camera in use', () => {
  it('names no camera while none is open', () => {
    render(<CameraControls />);
    expect(screen.queryByTestId('active-camera')).toBeNull();
  });

  it('shows the open webcam\'s label, without the OBS tag or hint', () => {
    render(<CameraControls />);
    act(() => {
      handcastStore.getState().setActiveCamera({ deviceId: 'brio', label: 'Logitech BRIO (046d:085e)' });
      handcastStore.getState().setCameraStatus('running');
    });
    expect(screen.getByTestId('active-camera').textContent).toBe('using: Logitech BRIO (046d:085e)');
    expect(screen.queryByTestId('obs-virtual-camera-tag')).toBeNull();
    expect(screen.queryByTestId('obs-virtual-camera-hint')).toBeNull();
  });

  it('tags OBS\'s Virtual Camera and says its output must be the webcam source, not Program', () => {
    render(<CameraControls />);
    act(() => handcastStore.getState().setActiveCamera({ deviceId: 'vcam', label: 'OBS Virtual Camera' }));
    expect(screen.getByTestId('active-camera').textContent).toContain('using: OBS Virtual Camera');
    expect(screen.getByTestId('obs-virtual-camera-tag').textContent).toBe('OBS Virtual Camera');
    expect(screen.getByTestId('obs-virtual-camera-hint').textContent).toMatch(/webcam source, not Program/);
  });

  it('names a camera whose track has no label by its entry in the camera list', () => {
    render(<CameraControls />);
    act(() => {
      handcastStore.getState().setCameras([
        { deviceId: 'usb', label: 'HD Pro Webcam C920' },
        { deviceId: 'loop', label: 'Dummy video device (0x0000)' },
      ]);
      handcastStore.getState().setActiveCamera({ deviceId: 'loop', label: '' });
    });
    expect(screen.getByTestId('active-camera').textContent).toContain('using: Dummy video device (0x0000)');
    expect(screen.getByTestId('obs-virtual-camera-tag')).toBeTruthy();
  });
});
