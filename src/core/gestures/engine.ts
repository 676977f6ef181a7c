// The one entry point from per-frame recognizer output to gesture events: poses, fingertip motions, two-hand gestures.
import type { GestureClassifier } from '../classifier';
import { NONE_LABEL, type Handedness } from '../labels';
import { HandPoint, LANDMARK_COUNT, type Landmark } from '../landmarks/types';
import { quoteValue } from '../model/json-checks';
import { FingertipPath } from './fingertip-path';
import { BOTH_OPEN_PALMS, TWO_HAND_HEART, type EventHandedness, type GestureEvent, type GestureEventKind, type NormalisedPoint } from './gesture-event';
import { handCentre, heartConfidence, toImageHeights, viewerPoint } from './hand-geometry';
import { HandSlots } from './hand-slots';
import { Hold } from './hold';
import { MOTION_FEATURE_SPEC, motionFeatures } from './motion-features';
import { resolveGestureOptions, type GestureEngineOptions, type GestureEngineOptionsInput } from './options';
import { PoseTracker } from './pose-tracker';

/** One hand of a frame: what the recognizer yields (src/recognizer/protocol.ts RecognizedHand has these fields). */
export interface GestureHand {
  /** 21 landmarks, x and y in [0, 1] of the unmirrored camera frame. */
  readonly landmarks: readonly Landmark[];
  /** The person's own hand. */
  readonly handedness: Handedness;
  /** The pose classifier's label and its score in [0, 1]. */
  readonly gesture: string;
  readonly gestureScore: number;
}

export interface GestureFrame {
  /** Milliseconds on the caller's clock; events carry it. */
  readonly timeMs: number;
  readonly hands: readonly GestureHand[];
}

interface SlotState {
  readonly pose: PoseTracker;
  readonly path: FingertipPath;
  /** No fingertip points are collected before this time (after a motion event). */
  quietUntilMs: number;
  /** The motion label the path has shown since `since` (confirmMs), or null. */
  readonly pending: { label: string | null; sinceMs: number };
}

interface VisibleHand {
  readonly slot: number;
  readonly hand: GestureHand;
  readonly centre: NormalisedPoint;
}

export const TWO_HAND_SLOT = -1;

/**
 * Turns frames into events. Per frame, in this order: slots are matched (hand-slots.ts), the two-hand hold is
 * updated, then each hand's pose hold and fingertip path; the events come back in that order. Arming, when
 * configured, gates every event; the arming and disarming poses themselves never fire. A pose that completes
 * its hold while its (hand, gesture) cooldown runs becomes active silently and fires only when held anew.
 * Frames must come in time order: a timestamp going backwards (a clock reset) resets the engine first.
 */
export class GestureEventEngine {
  readonly options: GestureEngineOptions;
  private readonly slots: HandSlots;
  private readonly states = new Map<number, SlotState>();
  private readonly twoHandHold = new Hold();
  private readonly lastFired = new Map<string, number>();
  private armedUntilMs = -Infinity;
  private lastTimeMs = -Infinity;
  private problems: string[] = [];

  /**
   * `options`: overrides of DEFAULT_GESTURE_OPTIONS (checked: a bad value throws a RangeError naming it).
   * `motionClassifier`: the motion model's classifier (INT8 on the WASM kernels, see docs/gestures.md); without
   * one, no motion events.
   */
  constructor(options: GestureEngineOptionsInput = {}, private readonly motionClassifier?: GestureClassifier) {
    this.options = resolveGestureOptions(options);
    if (motionClassifier !== undefined) {
      if (motionClassifier.featureLength !== MOTION_FEATURE_SPEC.length) {
        throw new Error(`the motion classifier takes ${motionClassifier.featureLength} features; fingertip paths give `
          + `${MOTION_FEATURE_SPEC.length} (${MOTION_FEATURE_SPEC.name}): is it the motion model?`);
      }
      if (!motionClassifier.labels.includes(NONE_LABEL)) throw new Error(`the motion classifier has no "${NONE_LABEL}" label: is it the motion model?`);
    }
    this.slots = new HandSlots(this.options.slots, this.options.aspect);
  }

  /** What was wrong with the last frame's input (hands skipped, a bad timestamp); empty when all was well. */
  get lastProblems(): readonly string[] {
    return this.problems;
  }

  /** Whether events can fire at `timeMs` (always, without arming). */
  isArmed(timeMs: number): boolean {
    return this.options.arming === null || timeMs < this.armedUntilMs;
  }

  /** Forgets every hand, hold, path, cooldown and the armed state. */
  reset(): void {
    this.slots.reset();
    this.states.clear();
    this.twoHandHold.reset();
    this.lastFired.clear();
    this.armedUntilMs = -Infinity;
    this.lastTimeMs = -Infinity;
  }

  push(frame: GestureFrame): GestureEvent[] {
    this.problems = [];
    const timeMs = frame?.timeMs;
    if (typeof timeMs !== 'number' || !Number.isFinite(timeMs)) {
      this.problems.push(`frame.timeMs must be a finite number, got ${String(timeMs)}: frame ignored`);
      return [];
    }
    if (timeMs < this.lastTimeMs) {
      this.problems.push(`frame.timeMs went back from ${this.lastTimeMs} to ${timeMs}: engine reset`);
      this.reset();
    }
    this.lastTimeMs = timeMs;
    const hands = this.validHands(frame.hands);
    const { mirrored } = this.options;
    const centres = hands.map((hand) => handCentre(hand.landmarks, mirrored));
    const assignment = this.slots.assign(hands.map((hand, i) => ({ handedness: hand.handedness, centre: centres[i] })), timeMs);
    for (const slot of assignment.freed) this.states.delete(slot);
    const visible: VisibleHand[] = hands
      .map((hand, i) => ({ slot: assignment.slots[i], hand, centre: centres[i] }))
      .sort((a, b) => a.slot - b.slot);

    const events: GestureEvent[] = [];
    const twoHandSlots = this.updateTwoHand(visible, timeMs, events);
    for (const seen of visible) {
      const state = this.stateOf(seen.slot);
      this.updatePose(seen, state, timeMs, twoHandSlots.has(seen.slot), events);
      this.updateMotion(seen, state, timeMs, events);
    }
    return events;
  }

  private validHands(hands: unknown): GestureHand[] {
    if (!Array.isArray(hands)) {
      this.problems.push('frame.hands must be an array: no hands this frame');
      return [];
    }
    const valid: GestureHand[] = [];
    hands.forEach((hand: GestureHand, i) => {
      const problem = handProblem(hand);
      if (problem === null) valid.push(hand);
      else this.problems.push(`hands[${i}]: ${problem}: hand skipped`);
    });
    return valid;
  }

  private stateOf(slot: number): SlotState {
    let state = this.states.get(slot);
    if (state === undefined) {
      state = { pose: new PoseTracker(), path: new FingertipPath(), quietUntilMs: -Infinity, pending: { label: null, sinceMs: 0 } };
      this.states.set(slot, state);
    }
    return state;
  }

  /** Arms, disarms or fires a completed pose; returns nothing, pushes the event. */
  private updatePose(seen: VisibleHand, state: SlotState, timeMs: number, ownedByTwoHand: boolean, events: GestureEvent[]): void {
    const { pose, arming } = this.options;
    const holdMsOf = (label: string) => (arming !== null && (label === arming.gesture || label === arming.disarmGesture) ? arming.holdMs : pose.holdMs);
    const completed = state.pose.update(seen.hand.gesture, seen.hand.gestureScore, timeMs, pose, holdMsOf);
    if (completed === null) return;
    if (arming !== null && (completed === arming.gesture || completed === arming.disarmGesture)) {
      const toggle = arming.gesture === arming.disarmGesture;
      const disarm = completed === arming.disarmGesture && (!toggle || this.isArmed(timeMs));
      this.armedUntilMs = disarm ? -Infinity : timeMs + arming.armedForMs;
      return;
    }
    if (pose.silentLabels.includes(completed) || ownedByTwoHand) return;
    this.fire(events, 'pose', completed, seen.slot, seen.hand.handedness, seen.centre, seen.hand.gestureScore, timeMs, pose.cooldownMs);
  }

  private updateMotion(seen: VisibleHand, state: SlotState, timeMs: number, events: GestureEvent[]): void {
    const classifier = this.motionClassifier;
    if (classifier === undefined) return;
    const { motion, mirrored, aspect } = this.options;
    const tracked = motion.trackPoses === null || motion.trackPoses.includes(seen.hand.gesture);
    const { pending } = state;
    if (!tracked || timeMs < state.quietUntilMs) {
      state.path.clear();
      pending.label = null;
      return;
    }
    state.path.add(timeMs, toImageHeights(viewerPoint(seen.hand.landmarks[HandPoint.indexTip], mirrored), aspect), motion.windowMs, motion.maxStep);
    let label: string | null = null;
    let score = 0;
    if (state.path.length >= motion.minPoints && state.path.extent() >= motion.minExtent) {
      const prediction = classifier.classify(motionFeatures(state.path.snapshot()));
      if (prediction.label !== NONE_LABEL && prediction.score >= motion.minConfidence) ({ label, score } = prediction);
    }
    if (label !== pending.label) {
      pending.label = label;
      pending.sinceMs = timeMs;
    }
    if (label === null || timeMs - pending.sinceMs < motion.confirmMs) return;
    pending.label = null;
    // One event per trajectory: the path starts afresh whether or not this one may fire (disarmed, cooling down).
    state.path.clear();
    state.quietUntilMs = timeMs + motion.refractoryMs;
    this.fire(events, 'motion', label, seen.slot, seen.hand.handedness, seen.centre, score, timeMs, motion.cooldownMs);
  }

  /** Updates the two-hand hold; returns the slots it holds (their own pose events wait while it does). */
  private updateTwoHand(visible: readonly VisibleHand[], timeMs: number, events: GestureEvent[]): Set<number> {
    const { twoHand, pose, aspect } = this.options;
    if (!twoHand.enabled || visible.length < 2) {
      this.twoHandHold.update(null, timeMs, twoHand.holdMs);
      return new Set();
    }
    const [a, b] = visible;
    const heart = heartConfidence(a.hand.landmarks, b.hand.landmarks, aspect, twoHand.heart);
    const holdingPalms = this.twoHandHold.label === BOTH_OPEN_PALMS;
    const palmThreshold = holdingPalms ? pose.releaseConfidence : pose.minConfidence;
    const palms = a.hand.gesture === twoHand.openPalmLabel && b.hand.gesture === twoHand.openPalmLabel
      && Math.min(a.hand.gestureScore, b.hand.gestureScore) >= palmThreshold;
    const label = heart !== null ? TWO_HAND_HEART : palms ? BOTH_OPEN_PALMS : null;
    if (this.twoHandHold.update(label, timeMs, twoHand.holdMs) && label !== null) {
      const confidence = heart ?? Math.min(a.hand.gestureScore, b.hand.gestureScore);
      const midpoint = { x: (a.centre.x + b.centre.x) / 2, y: (a.centre.y + b.centre.y) / 2 };
      this.fire(events, 'two-hand', label, TWO_HAND_SLOT, 'both', midpoint, confidence, timeMs, twoHand.cooldownMs);
    }
    return label === null ? new Set() : new Set([a.slot, b.slot]);
  }

  private fire(
    events: GestureEvent[], kind: GestureEventKind, gesture: string, hand: number, handedness: EventHandedness,
    position: NormalisedPoint, confidence: number, timeMs: number, cooldownMs: number,
  ): void {
    if (!this.isArmed(timeMs)) return;
    // Per person's hand, not per slot: a hand re-found after a dropout gets a new slot but the same cooldown.
    const key = `${handedness}:${gesture}`;
    const last = this.lastFired.get(key);
    if (last !== undefined && timeMs - last < cooldownMs) return;
    this.lastFired.set(key, timeMs);
    const { arming } = this.options;
    if (arming !== null && arming.renewOnEvent) this.armedUntilMs = Math.max(this.armedUntilMs, timeMs + arming.armedForMs);
    events.push({ kind, gesture, hand, handedness, position: { x: position.x, y: position.y }, confidence, timeMs });
  }
}

/** Why a hand cannot be used, or null when it can. */
function handProblem(hand: GestureHand): string | null {
  if (typeof hand !== 'object' || hand === null) return 'not an object';
  if (hand.handedness !== 'Left' && hand.handedness !== 'Right') return `handedness must be "Left" or "Right", got ${quoteValue(hand.handedness)}`;
  if (typeof hand.gesture !== 'string') return 'gesture must be a label string';
  if (typeof hand.gestureScore !== 'number' || !(hand.gestureScore >= 0 && hand.gestureScore <= 1)) {
    return `gestureScore must be in [0, 1], got ${String(hand.gestureScore)}`;
  }
  if (!Array.isArray(hand.landmarks) || hand.landmarks.length !== LANDMARK_COUNT) {
    return `landmarks must be ${LANDMARK_COUNT} points, got ${Array.isArray(hand.landmarks) ? hand.landmarks.length : typeof hand.landmarks}`;
  }
  const bad = hand.landmarks.findIndex((p) => typeof p !== 'object' || p === null || !Number.isFinite(p.x) || !Number.isFinite(p.y));
  return bad === -1 ? null : `landmarks[${bad}] has no finite x and y`;
}
