// The gesture-event engine beside the classifier: each recognised frame's hands become the events fired on it.
import type { GestureClassifier } from '../core/classifier';
import { GestureEventEngine, type GestureEvent, type GestureHand } from '../core/gestures';

/** The engine settings the user changes on the page (the Mirror box, "require arming" under On stream). */
export interface GestureEventSettings {
  readonly mirrored: boolean;
  readonly armingRequired: boolean;
}

/**
 * Keeps one GestureEventEngine for the current frame shape and settings; a change of either starts a fresh one
 * (positions and slots depend on them). `motion`: the motion model's classifier; without it, no motion events.
 */
export class GestureEventStage {
  private engine: GestureEventEngine | null = null;
  private engineKey = '';

  constructor(private settings: GestureEventSettings, private readonly motion: GestureClassifier | null) {}

  setSettings(settings: GestureEventSettings): void {
    this.settings = settings;
  }

  /**
   * Forgets holds, paths and cooldowns; the page asks for it when the camera stops. Without it a pose held for part
   * of its hold before Stop would complete on the first frame after Start. A model swap keeps them: labels are
   * matched by name and frames keep coming, so a pose held across the swap carries on instead of firing twice.
   */
  reset(): void {
    this.engine?.reset();
  }

  /** The events `hands` fire at `timeMs` (the frame's timestamp on the page's clock). */
  push(hands: readonly GestureHand[], aspect: number, timeMs: number): GestureEvent[] {
    return this.engineFor(aspect).push({ timeMs, hands });
  }

  private engineFor(aspect: number): GestureEventEngine {
    const { mirrored, armingRequired } = this.settings;
    const key = `${aspect.toFixed(3)}|${mirrored}|${armingRequired}`;
    if (this.engine === null || key !== this.engineKey) {
      this.engine = new GestureEventEngine({ aspect, mirrored, arming: armingRequired ? {} : null }, this.motion ?? undefined);
      this.engineKey = key;
    }
    return this.engine;
  }
}
