// A small badge saying whether the page works offline (and why not), with the reload button when a new version is stored.
import { useHandcastStore } from '../../store';
import { applyOfflineUpdate } from '../../session/offline-session';

const LABELS = {
  checking: '',
  saving: 'Saving for offline use…',
  ready: 'Works offline',
  'update-ready': 'Update ready',
  unavailable: 'Online only',
} as const;

export function OfflineStatus() {
  const { readiness, version, detail } = useHandcastStore((s) => s.offline);
  if (readiness === 'checking') return null;
  return (
    <span
      className={`offline-status offline-${readiness}`}
      data-testid="offline-status"
      data-readiness={readiness}
      title={detail ? `Offline use is off: ${detail}` : version ? `version ${version}` : undefined}
    >
      {LABELS[readiness]}
      {detail && <span className="visually-hidden">: offline use is off, {detail}</span>}
      {readiness === 'update-ready' && <button type="button" onClick={applyOfflineUpdate}>Reload</button>}
    </span>
  );
}
