// Draws an effect scene on a 2D canvas, scaled from the 1920×1080 stage to the canvas; text only ever goes through fillText.
import {
  labelOpacity, particleOpacity, STAGE_HEIGHT, STAGE_WIDTH, type EffectScene, type LiveEffect,
} from '../../core/overlay/effect-scene';

const LABEL_FONT = 'system-ui, "Segoe UI", Roboto, sans-serif';
const EMOJI_FONT = '"Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", sans-serif';
const LABEL_FONT_SIZE = 48;
const LABEL_PADDING = 28;
const STAGE_MARGIN = 64;
/** The lower-third band: the label's text baseline sits here, whatever the hand's height (the hand picks the side). */
const LOWER_THIRD_Y = 0.84;

/** Clears the canvas and draws every live effect. */
export function drawScene(context: CanvasRenderingContext2D, scene: EffectScene): void {
  const { width, height } = context.canvas;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, width, height);
  // Positions follow the canvas on each axis (the anchor is a fraction of the picture); sizes follow the smaller scale.
  const scaleX = width / STAGE_WIDTH;
  const scaleY = height / STAGE_HEIGHT;
  const sizeScale = Math.min(scaleX, scaleY);
  for (const effect of scene.effects) {
    if (effect.kind === 'lower-third') drawLowerThird(context, effect, scaleX, scaleY, sizeScale);
    else drawParticles(context, effect, scaleX, scaleY, sizeScale);
  }
  context.globalAlpha = 1;
}

function drawParticles(context: CanvasRenderingContext2D, effect: LiveEffect, scaleX: number, scaleY: number, sizeScale: number): void {
  const isEmoji = effect.kind === 'emoji-burst';
  for (const p of effect.particles) {
    context.globalAlpha = particleOpacity(p);
    const size = p.size * sizeScale;
    context.setTransform(Math.cos(p.rotation), Math.sin(p.rotation), -Math.sin(p.rotation), Math.cos(p.rotation), p.x * scaleX, p.y * scaleY);
    if (isEmoji) {
      context.font = `${size.toFixed(1)}px ${EMOJI_FONT}`;
      context.textAlign = 'center';
      context.textBaseline = 'middle';
      // A dark outline keeps a monochrome fallback glyph (a machine without a colour emoji font) visible on light scenes.
      context.lineWidth = Math.max(1, size / 14);
      context.strokeStyle = 'rgba(17, 20, 24, 0.8)';
      context.strokeText(effect.label, 0, 0);
      context.fillStyle = p.colour;
      context.fillText(effect.label, 0, 0);
    } else {
      context.fillStyle = p.colour;
      context.fillRect(-size / 2, -size / 4, size, size / 2);
    }
  }
  context.setTransform(1, 0, 0, 1, 0, 0);
}

function drawLowerThird(context: CanvasRenderingContext2D, effect: LiveEffect, scaleX: number, scaleY: number, sizeScale: number): void {
  context.globalAlpha = labelOpacity(effect);
  const fontSize = LABEL_FONT_SIZE * sizeScale;
  const padding = LABEL_PADDING * sizeScale;
  const margin = STAGE_MARGIN * sizeScale;
  const canvasWidth = context.canvas.width;
  context.font = `600 ${fontSize.toFixed(1)}px ${LABEL_FONT}`;
  // maxWidth squeezes a long label into the stage instead of cutting it.
  const maxTextWidth = Math.max(1, canvasWidth - 2 * margin - 2 * padding);
  const textWidth = Math.min(context.measureText(effect.label).width, maxTextWidth);
  const boxWidth = textWidth + 2 * padding;
  const boxHeight = fontSize + 2 * padding * 0.6;
  // Centred under the hand, pushed back inside the margins near the edges.
  const centreX = Math.min(Math.max(effect.anchorX * scaleX, margin + boxWidth / 2), canvasWidth - margin - boxWidth / 2);
  const top = LOWER_THIRD_Y * STAGE_HEIGHT * scaleY - boxHeight / 2;
  const left = centreX - boxWidth / 2;
  context.fillStyle = 'rgba(17, 20, 24, 0.85)';
  context.beginPath();
  context.roundRect(left, top, boxWidth, boxHeight, 10 * sizeScale);
  context.fill();
  context.fillStyle = '#f72585';
  context.fillRect(left, top, 8 * sizeScale, boxHeight);
  context.fillStyle = '#ffffff';
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillText(effect.label, centreX, top + boxHeight / 2, maxTextWidth);
}
