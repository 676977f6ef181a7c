// A gesture's samples as small skeletons: click to select bad ones, then delete them.
import { useMemo, useState } from 'react';
import { HAND_CONNECTIONS } from '../../core/landmarks/types';
import type { GestureSample } from '../../core/dataset';
import { deleteSamples } from '../../session/recording-session';

const SIZE = 56;
const SHOWN = 120;

/** SVG path of one hand, scaled to fit the thumbnail (x stretched by the frame's aspect so shapes are true). */
function skeletonPath(sample: GestureSample): string {
  const xs = sample.landmarks.map(([x]) => x * sample.aspect);
  const ys = sample.landmarks.map(([, y]) => y);
  const minX = Math.min(...xs), minY = Math.min(...ys);
  const span = Math.max(Math.max(...xs) - minX, Math.max(...ys) - minY, 1e-6);
  const px = (i: number) => (4 + ((xs[i] - minX) / span) * (SIZE - 8)).toFixed(1);
  const py = (i: number) => (4 + ((ys[i] - minY) / span) * (SIZE - 8)).toFixed(1);
  return HAND_CONNECTIONS.map(([a, b]) => `M${px(a)} ${py(a)}L${px(b)} ${py(b)}`).join('');
}

export function SampleThumbnails({ samples }: { samples: readonly GestureSample[] }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => samples.slice(-SHOWN), [samples]);
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  return (
    <div className="thumbnails">
      <p className="muted">
        {samples.length > SHOWN ? `The latest ${SHOWN} of ${samples.length} samples. ` : ''}Click bad samples, then delete them.
      </p>
      <div className="thumbnail-grid">
        {shown.map((sample) => (
          <button
            type="button"
            key={sample.id}
            className={`thumbnail ${selected.has(sample.id) ? 'selected' : ''}`}
            aria-pressed={selected.has(sample.id)}
            title={`${sample.handedness} hand, take ${sample.take.slice(0, 6)}`}
            onClick={() => toggle(sample.id)}
          >
            <svg width={SIZE} height={SIZE} aria-hidden="true"><path d={skeletonPath(sample)} /></svg>
          </button>
        ))}
      </div>
      <button type="button" disabled={selected.size === 0} onClick={() => { deleteSamples(selected); setSelected(new Set()); }}>
        Delete {selected.size} selected
      </button>
    </div>
  );
}
