// Plain-text figures for the quantization tools: configuration names, parameter sizes, outliers, the comparison table.
import type { ModelLayer } from '../../model/gesture-model';
import type { QuantizedGestureMlp } from '../../model/int8-section';
import { DEFAULT_PERCENTILE } from '../../quant/calibrate';
import type { QuantConfig, QuantRun } from './quant-pipeline';
import { DEFAULT_OUTLIER_RATIO, findOutlierChannels } from '../../quant/weights';

/** e.g. "u7, per-channel weights, percentile 99.99 calibration, PTQ". */
export function describeConfig(config: QuantConfig): string {
  const calibration = config.calibration === 'percentile' ? `percentile ${config.percentile ?? DEFAULT_PERCENTILE}` : config.calibration;
  const weights = `${config.perChannel ? 'per-channel' : 'per-tensor'} weights${config.weightClipping === 'mse' ? ' (MSE-clipped)' : ''}`;
  const training = config.qat === null ? 'PTQ' : `QAT ${config.qat.epochs} epochs`;
  return `${config.scheme}, ${weights}, ${calibration} calibration, ${training}`;
}

export interface ParameterBytes {
  /** float32 weights and biases. */
  readonly float: number;
  /** int8 weights, int32 biases, and per output channel of requantized layers an int32 M0 and an int8 shift. */
  readonly int8: number;
}

/** What the engines hold in memory (not the JSON text). */
export function parameterBytes(layers: readonly ModelLayer[], quantized: QuantizedGestureMlp): ParameterBytes {
  const float = layers.reduce((sum, layer) => sum + 4 * (layer.weights.length + layer.bias.length), 0);
  const int8 = quantized.mlp.layers.reduce(
    (sum, layer) => sum + layer.weights.length + 4 * layer.bias.length + (layer.requantization === null ? 0 : 5 * layer.outputs), 0);
  return { float, int8 };
}

/** One line per layer naming the channels whose largest weight is an outlier (findOutlierChannels). */
export function describeOutliers(layers: readonly ModelLayer[], threshold = DEFAULT_OUTLIER_RATIO): string[] {
  return layers.map((layer, l) => {
    const channels = findOutlierChannels(layer.weights, layer.outputs, threshold);
    if (channels.length === 0) return `layer ${l}: none above ${threshold}×`;
    const listed = channels.map((c) => `ch ${c.channel} (max |w| ${c.maxAbs.toFixed(3)}, ${c.ratio.toFixed(2)}× p99)`).join(', ');
    return `layer ${l}: ${channels.length} of ${layer.outputs} channels: ${listed}`;
  });
}

const pct = (fraction: number): string => (100 * fraction).toFixed(2);
const db = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : '∞');

/** A markdown cell: "INT8 accuracy / agreement / logit SQNR". */
export function formatCell(run: QuantRun): string {
  const { int8Accuracy, agreement, logitSqnrDb } = run.comparison;
  return `${pct(int8Accuracy)} / ${pct(agreement)} / ${db(logitSqnrDb)}`;
}

/**
 * A markdown table: one row per label in `rows` (its runs in column order), one column per calibration
 * method. Cells: INT8 top-1 accuracy %, top-1 agreement with float %, logit SQNR dB.
 */
export function formatComparisonTable(columns: readonly string[], rows: readonly { label: string; runs: readonly QuantRun[] }[]): string {
  const lines = [
    `| scheme / weights | ${columns.join(' | ')} |`,
    `|---|${columns.map(() => '---').join('|')}|`,
  ];
  for (const row of rows) lines.push(`| ${row.label} | ${row.runs.map(formatCell).join(' | ')} |`);
  return lines.join('\n');
}
