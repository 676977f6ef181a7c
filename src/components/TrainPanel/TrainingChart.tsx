// A small live chart of training loss and validation accuracy per epoch (SVG, no library).
interface Point {
  readonly epoch: number;
  readonly loss: number;
  readonly validationAccuracy: number;
}

const WIDTH = 260;
const HEIGHT = 70;

function polyline(values: readonly number[], max: number): string {
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  return values.map((v, i) => `${(i * step).toFixed(1)},${(HEIGHT - (Math.min(v, max) / max) * HEIGHT).toFixed(1)}`).join(' ');
}

export function TrainingChart({ history }: { history: readonly Point[] }) {
  if (history.length === 0) return null;
  const maxLoss = Math.max(...history.map((p) => p.loss), 1e-6);
  return (
    <svg className="training-chart" width={WIDTH} height={HEIGHT} role="img" aria-label="Loss and validation accuracy per epoch">
      <polyline points={polyline(history.map((p) => p.loss), maxLoss)} fill="none" stroke="#f72585" strokeWidth="2" />
      <polyline points={polyline(history.map((p) => p.validationAccuracy), 1)} fill="none" stroke="#4cc9f0" strokeWidth="2" />
    </svg>
  );
}
