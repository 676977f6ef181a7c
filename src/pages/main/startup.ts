// Checks done once at page load: offline support, WebAssembly support, camera list, preloading the recognizer, restoring the user's gestures.
import { probeWasmSupport } from '../../platform/wasm-features';
import { ensureRecognizer, refreshCameras } from '../../session/live-session';
import { restoreWorkingDataset } from '../../session/persistence';
import { restoreTrainedModel } from '../../session/training-session';
import { startOfflineSupport } from '../../session/offline-session';
import { handcastStore } from '../../store';

export function startUp(): void {
  startOfflineSupport();
  const wasm = probeWasmSupport();
  const { notify } = handcastStore.getState();
  if (!wasm.webAssembly) {
    notify({ kind: 'error', text: 'This browser has no WebAssembly, which Handcast needs. Use a current Chrome, Edge or Firefox.' });
    return;
  }
  if (!wasm.simd128) {
    notify({
      kind: 'warning',
      text: 'This browser lacks WebAssembly SIMD: recognition runs on the slower fallback. Update the browser (or enable WebAssembly SIMD) for full speed.',
    });
  }
  void refreshCameras();
  navigator.mediaDevices?.addEventListener?.('devicechange', () => void refreshCameras());
  void restoreWorkingDataset();
  void ensureRecognizer().then((ready) => (ready ? restoreTrainedModel() : undefined));
}
