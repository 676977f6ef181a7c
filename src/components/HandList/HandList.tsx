// The current gesture of each visible hand, refreshed a few times a second from the store's throttled summary.
import { useHandcastStore } from '../../store';
import { gestureChipText } from '../../render/hand-overlay';

export function HandList() {
  const hands = useHandcastStore((s) => s.hands);
  const running = useHandcastStore((s) => s.cameraStatus === 'running');
  return (
    <section className="panel" aria-label="Gestures">
      <h2>Gestures</h2>
      {hands.length === 0 ? (
        <p className="muted">{running ? 'No hand in view.' : 'Start the camera to recognise gestures.'}</p>
      ) : (
        <ul className="hand-list">
          {hands.map((hand, i) => (
            <li key={`${hand.handedness}-${i}`} data-testid="hand-label" data-gesture={hand.gesture}>
              <span className={`hand-badge hand-${hand.handedness.toLowerCase()}`}>{hand.handedness}</span>
              <span className="gesture">{gestureChipText(hand.gesture, hand.gestureScore)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
