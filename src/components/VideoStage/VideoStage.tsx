// The (optionally mirrored) camera video with the overlay canvas the session draws hands on.
import { useCallback, useRef } from 'react';
import { attachSurfaces } from '../../session/live-session';
import { useHandcastStore } from '../../store';

export function VideoStage() {
  const mirrored = useHandcastStore((s) => s.settings.mirrored);
  const status = useHandcastStore((s) => s.cameraStatus);
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const sync = useCallback(() => {
    attachSurfaces(videoRef.current && canvasRef.current ? { video: videoRef.current, canvas: canvasRef.current } : null);
  }, []);
  return (
    <div className={`stage ${status === 'running' ? '' : 'stage-idle'}`}>
      <video ref={(el) => { videoRef.current = el; sync(); }} className={mirrored ? 'mirrored' : ''} muted playsInline data-testid="video" />
      <canvas ref={(el) => { canvasRef.current = el; sync(); }} className="overlay" data-testid="overlay" />
      {status !== 'running' && <div className="stage-hint">{status === 'starting' ? 'Starting the camera…' : status === 'reconnecting' ? 'Waiting for the camera…' : 'Camera off'}</div>}
    </div>
  );
}
