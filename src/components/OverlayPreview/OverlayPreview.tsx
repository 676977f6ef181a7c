// The OBS overlay shown small on a checkerboard (so its transparency shows), its URL to copy into OBS, and a test effect button.
import { useState } from 'react';
import { OVERLAY_PAGE, testEffectMessage } from '../../actions/overlay-channel';
import { OVERLAY_EFFECT_KINDS, type OverlayEffectKind } from '../../core/overlay/effect-message';
import { sendOverlayEffect } from '../../session/stream-session';
import { appUrl } from '../../util/app-url';

const EFFECT_NAMES: Record<OverlayEffectKind, string> = { 'emoji-burst': 'Emoji burst', confetti: 'Confetti', 'lower-third': 'Lower third' };


export function OverlayPreview() {
  const [effect, setEffect] = useState<OverlayEffectKind>('confetti');
  const [status, setStatus] = useState('');
  // Under the app's root wherever it is hosted: the URL the streamer pastes into OBS.
  const overlayUrl = new URL(appUrl(OVERLAY_PAGE), window.location.href).href;

  const copyUrl = async () => {
    try {
      await navigator.clipboard.writeText(overlayUrl);
      setStatus('Copied. In OBS: add a Browser source with this URL, 1920×1080.');
    } catch {
      setStatus('Copying was not allowed here: select the URL and copy it.');
    }
  };
  const sendTestEffect = () => setStatus(sendOverlayEffect(testEffectMessage(effect, performance.now())) ?? '');

  return (
    <section className="panel" aria-label="Overlay preview">
      <h2>Overlay preview</h2>
      <div className="overlay-preview">
        <iframe src={overlayUrl} title="Overlay preview" tabIndex={-1} />
      </div>
      <div className="controls">
        <label>
          Overlay URL
          <input className="overlay-url" readOnly value={overlayUrl} aria-label="Overlay URL" onFocus={(e) => e.currentTarget.select()} />
        </label>
        <button type="button" onClick={copyUrl}>Copy</button>
        <select aria-label="Test effect kind" value={effect} onChange={(e) => setEffect(e.target.value as OverlayEffectKind)}>
          {OVERLAY_EFFECT_KINDS.map((kind) => <option key={kind} value={kind}>{EFFECT_NAMES[kind]}</option>)}
        </select>
        <button type="button" onClick={sendTestEffect}>Test effect</button>
      </div>
      {status && <p className="muted" role="status">{status}</p>}
    </section>
  );
}
