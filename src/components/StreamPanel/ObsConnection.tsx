// OBS websocket settings: address, password (kept in this browser only), connect/disconnect and the live status.
import { useState } from 'react';
import { obsUrlProblem } from '../../actions/obs/obs-client';
import { readObsPassword, saveObsPassword } from '../../session/obs-password';
import { connectObs, disconnectObs } from '../../session/stream-session';
import { useHandcastStore } from '../../store';

export function ObsConnection() {
  const url = useHandcastStore((s) => s.stream.obsUrl);
  const status = useHandcastStore((s) => s.obsStatus);
  const updateStream = useHandcastStore((s) => s.updateStream);
  const [password, setPassword] = useState(readObsPassword);
  const [problem, setProblem] = useState<string | null>(null);
  const active = status.state !== 'disconnected';

  const connect = () => {
    const urlProblem = obsUrlProblem(url) ?? loopbackProblem(url);
    setProblem(urlProblem);
    if (urlProblem) return;
    if (!saveObsPassword(password)) setProblem('This browser refused to store the password: it is used until the page closes.');
    connectObs();
  };

  return (
    <div className="obs-connection">
      <div className="recorder-row">
        <label>
          OBS websocket
          <input value={url} spellCheck={false} aria-label="OBS websocket address" onChange={(e) => updateStream({ obsUrl: e.target.value.trim() })} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="off" value={password} aria-label="OBS websocket password" onChange={(e) => setPassword(e.target.value)} />
        </label>
        {active
          ? <button type="button" onClick={disconnectObs}>Disconnect</button>
          : <button type="button" className="primary" onClick={connect}>Connect</button>}
      </div>
      <p className="obs-status" role="status" data-testid="obs-status" data-state={status.state}>
        <span className={`status-dot ${status.state}`} aria-hidden="true" /> {status.message}
      </p>
      {problem && <p className="warning">{problem}</p>}
    </div>
  );
}

/** The page's Content-Security-Policy lets websockets reach this computer only: say so before the browser blocks it. */
function loopbackProblem(url: string): string | null {
  const host = new URL(url).hostname;
  return ['127.0.0.1', 'localhost'].includes(host)
    ? null
    : `Handcast talks to OBS on this computer only (ws://127.0.0.1:4455), not ${host}: run OBS here, and keep its port off the network.`;
}
