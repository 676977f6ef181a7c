// Draws each hand's skeleton and its gesture chip on the overlay canvas, outside React, once per recognised frame.
import { HAND_CONNECTIONS } from '../core/landmarks/types';
import type { RecognizedHand } from '../recognizer/protocol';

const HAND_COLOURS = { Left: '#4cc9f0', Right: '#f72585' } as const;

/** Formats a gesture and its confidence for display, e.g. "thumb up 93%". */
export function gestureChipText(gesture: string, score: number): string {
  return `${gesture.replace(/_/g, ' ')} ${Math.round(score * 100)}%`;
}

/**
 * Clears the canvas and draws the hands. Landmarks are in [0, 1] of the unmirrored frame; when the video is shown
 * mirrored we mirror x here rather than flipping the canvas with CSS, so the chip text stays readable.
 */
export function drawHands(context: CanvasRenderingContext2D, hands: readonly RecognizedHand[], mirrored: boolean): void {
  const { width, height } = context.canvas;
  context.clearRect(0, 0, width, height);
  const px = (x: number) => (mirrored ? 1 - x : x) * width;
  const py = (y: number) => y * height;
  const unit = Math.max(2, Math.min(width, height) / 160);

  for (const hand of hands) {
    const colour = HAND_COLOURS[hand.handedness];
    const points = hand.landmarks;
    context.lineWidth = unit;
    context.strokeStyle = colour;
    context.beginPath();
    for (const [a, b] of HAND_CONNECTIONS) {
      context.moveTo(px(points[a].x), py(points[a].y));
      context.lineTo(px(points[b].x), py(points[b].y));
    }
    context.stroke();
    context.fillStyle = '#ffffff';
    for (const p of points) {
      context.beginPath();
      context.arc(px(p.x), py(p.y), unit * 1.3, 0, Math.PI * 2);
      context.fill();
    }
    drawChip(context, hand, colour, unit, px, py);
  }
}

function drawChip(
  context: CanvasRenderingContext2D,
  hand: RecognizedHand,
  colour: string,
  unit: number,
  px: (x: number) => number,
  py: (y: number) => number,
): void {
  let minX = Infinity, minY = Infinity, maxX = -Infinity;
  for (const p of hand.landmarks) {
    minX = Math.min(minX, px(p.x));
    maxX = Math.max(maxX, px(p.x));
    minY = Math.min(minY, py(p.y));
  }
  const text = `${hand.handedness[0]} · ${gestureChipText(hand.gesture, hand.gestureScore)}`;
  context.font = `600 ${Math.round(unit * 7)}px system-ui, sans-serif`;
  const padding = unit * 2.5;
  const textWidth = context.measureText(text).width;
  const chipHeight = unit * 7 + padding * 2;
  const x = Math.max(0, Math.min(context.canvas.width - textWidth - padding * 2, (minX + maxX) / 2 - textWidth / 2 - padding));
  const y = Math.max(0, minY - chipHeight - unit * 3);
  context.fillStyle = 'rgba(0, 0, 0, 0.7)';
  context.fillRect(x, y, textWidth + padding * 2, chipHeight);
  context.fillStyle = colour;
  context.fillRect(x, y, unit * 1.5, chipHeight);
  context.fillStyle = '#ffffff';
  context.textBaseline = 'middle';
  context.fillText(text, x + padding, y + chipHeight / 2);
}
