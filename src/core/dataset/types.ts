// The user's own gesture data: samples recorded (or imported) in the page, grouped into named datasets.
import type { Handedness } from '../labels';

/** One landmark as stored and exported: x, y normalised to the image (as MediaPipe gives them), z with x's scale. */
export type LandmarkPoint = readonly [x: number, y: number, z: number];

/** Where a sample came from: recorded in the page, or read from a file. */
export const SAMPLE_SOURCES = ['recorded', 'imported'] as const;
export type SampleSource = (typeof SAMPLE_SOURCES)[number];

/** One captured hand with its label. Immutable: helpers return new objects, so unchanged samples keep their identity. */
export interface GestureSample {
  /** Unique within its dataset. */
  readonly id: string;
  /** Gesture name; see names.ts for what is allowed. */
  readonly label: string;
  /** 21 points in MediaPipe order. */
  readonly landmarks: readonly LandmarkPoint[];
  /** Width / height of the frame the landmarks are normalised to. */
  readonly aspect: number;
  readonly handedness: Handedness;
  /**
   * The recording take (one press of Record): near-identical consecutive frames share a take, so the
   * validation split is by take, never by sample.
   */
  readonly take: string;
  /** Milliseconds since the epoch. */
  readonly capturedAt: number;
  readonly source?: SampleSource;
}

/** A named collection of samples, in capture order. */
export interface GestureDataset {
  readonly id: string;
  readonly name: string;
  readonly samples: readonly GestureSample[];
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type TakePhase = 'countdown' | 'recording';

/** A take being recorded, as the page shows it: counting down, then capturing. */
export interface TakeProgress {
  readonly label: string;
  readonly phase: TakePhase;
  /** Seconds until recording starts (countdown) or until the take stops by itself (recording). */
  readonly secondsLeft: number;
  readonly captured: number;
}
