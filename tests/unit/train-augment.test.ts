// Augmentations that model other people's hands (articulation, 3D tilt).
import { articulate, keepsFingerStates, NO_ARTICULATION, type ArticulationOptions } from '../../src/core/train/shared/articulation.ts';
import { augmentedFeatures, DEFAULT_AUGMENT, poseOf } from '../../src/core/train/shared/poses.ts';
import { SeededRandom } from '../../src/util/seeded-random.ts';
import { guessDepth, tiltPoints } from '../../src/core/train/shared/tilt.ts';
import { kiniviOpenLandmarks } from './shared-data.ts';

const open = poseOf(kiniviOpenLandmarks(), 1).points;
const CHAINS = [[5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16], [17, 18, 19, 20]];

const angle = (p: Float64Array, a: number, b: number) => Math.atan2(p[2 * b] - p[2 * a], p[2 * b + 1] - p[2 * a + 1]);
const length = (p: Float64Array, a: number, b: number) => Math.hypot(p[2 * b] - p[2 * a], p[2 * b + 1] - p[2 * a + 1]);

/** The same hand with every finger (and the thumb) folded down onto its knuckle, as a tight fist. */
function foldedHand(): Float64Array {
  const fist = Float64Array.from(open);
  for (const [mcp, pip, dip, tip] of [...CHAINS, [1, 2, 3, 4]]) {
    const folds: [number, number, number][] = [[pip, 0.05, 0.15], [dip, 0.05, 0], [tip, 0.02, -0.1]];
    for (const [joint, dx, dy] of folds) {
      fist[2 * joint] = fist[2 * mcp] - dx;
      fist[2 * joint + 1] = fist[2 * mcp + 1] + dy;
    }
  }
  return fist;
}

describe('articulate', () => {
  it('returns the hand itself, drawing nothing, when every variation is off', () => {
    const random = new SeededRandom(1);
    expect(articulate(open, '11111', [], NO_ARTICULATION, random)).toBe(open);
    expect(random.next()).toBe(new SeededRandom(1).next());
  });

  it('repeats for a seed', () => {
    const a = articulate(open, '11111', [], DEFAULT_AUGMENT, new SeededRandom(4));
    const b = articulate(open, '11111', [], DEFAULT_AUGMENT, new SeededRandom(4));
    expect(a).toEqual(b);
    expect(a).not.toEqual(open);
  });

  it('closes or opens the fingers about their knuckles without crossing them', () => {
    const spreadOnly = (factor: number): ArticulationOptions => ({ ...NO_ARTICULATION, minSpreadFactor: factor, maxSpreadFactor: factor });
    const together = articulate(open, '11111', [], spreadOnly(0.2), new SeededRandom(1));
    const apart = articulate(open, '11111', [], spreadOnly(1.8), new SeededRandom(1));
    const middle = (p: Float64Array) => angle(p, 9, 12);
    for (const [mcp, , , tip] of [CHAINS[0], CHAINS[2], CHAINS[3]]) {
      const before = angle(open, mcp, tip) - middle(open);
      expect(angle(together, mcp, tip) - middle(together)).toBeCloseTo(0.2 * before, 9);
      expect(angle(apart, mcp, tip) - middle(apart)).toBeCloseTo(1.8 * before, 9);
      // Knuckles stay, lengths stay.
      expect(together[2 * mcp]).toBe(open[2 * mcp]);
      expect(length(together, mcp, tip)).toBeCloseTo(length(open, mcp, tip), 9);
    }
  });

  it('keeps extended fingers clearly extended and curled ones curled under every variation at its limit', () => {
    const fist = foldedHand();
    const extreme: ArticulationOptions = { ...DEFAULT_AUGMENT, minForeshortening: 0.3, fingerLengthRange: 1, palmWidthRange: 1, minPalmPitch: 1 };
    const random = new SeededRandom(2);
    for (let i = 0; i < 200; i++) {
      const hand = articulate(open, '11111', [fist], extreme, random);
      for (const [mcp, , , tip] of CHAINS) expect(length(hand, mcp, tip)).toBeGreaterThan(0.49);
      const curled = articulate(fist, '00000', [fist], extreme, random);
      for (const [mcp, , , tip] of CHAINS) expect(length(curled, mcp, tip)).toBeLessThan(0.3);
    }
  });

  it('leaves "-" digits as recorded (ok: the touching thumb and index)', () => {
    const options: ArticulationOptions = { ...DEFAULT_AUGMENT, minPalmPitch: 1 };
    const hand = articulate(open, '--111', [foldedHand()], options, new SeededRandom(3));
    for (const joint of [1, 2, 3, 4, 5, 6, 7, 8]) {
      expect([hand[2 * joint], hand[2 * joint + 1]]).toEqual([open[2 * joint], open[2 * joint + 1]]);
    }
    expect(hand[2 * 16]).not.toBe(open[2 * 16]);
  });

  it('gives a closed thumb a real fist\'s thumb when swapping', () => {
    const fist = foldedHand();
    const options: ArticulationOptions = { ...NO_ARTICULATION, thumbSwap: 1 };
    const hand = articulate(open, '01000', [fist], options, new SeededRandom(5));
    for (const joint of [1, 2, 3, 4]) expect(hand[2 * joint + 1]).toBe(fist[2 * joint + 1]);
  });

  it('palm pitch shortens the palm and keeps digit lengths above the knuckles', () => {
    const options: ArticulationOptions = { ...NO_ARTICULATION, minPalmPitch: 0.5 };
    const hand = articulate(open, '11111', [], options, new SeededRandom(6));
    expect(hand[2 * 9 + 1]).toBeLessThan(open[2 * 9 + 1]);
    expect(length(hand, 10, 12)).toBeCloseTo(length(open, 10, 12), 9);
  });
});

describe('class-boundary guard', () => {
  it('tells when augmentation folded an extended finger or stretched a curled one', () => {
    const fist = foldedHand();
    expect(keepsFingerStates(open, open, '11111')).toBe(true);
    const folded = Float64Array.from(open);
    folded.set(fist.subarray(12, 18), 12); // index PIP, DIP, tip folded onto its knuckle
    expect(keepsFingerStates(open, folded, '11111')).toBe(false);
    expect(keepsFingerStates(open, folded, '10111')).toBe(true);
    // A curled finger stretched out: wrong for a fist, unless the recording already had it that long.
    expect(keepsFingerStates(fist, open, '00000')).toBe(false);
    expect(keepsFingerStates(open, open, '00000')).toBe(true);
  });

  it('keeps every extended finger of augmented open hands at least 0.5 palm sizes long', () => {
    const random = new SeededRandom(8);
    const articulation = { fingers: '11111', closedThumbs: [foldedHand()] };
    for (let i = 0; i < 300; i++) {
      const features = augmentedFeatures({ points: open, orientation: 0 }, { kind: 'any-rotation' }, DEFAULT_AUGMENT, random, articulation);
      // Feature 2k, 2k+1 is landmark k+1; the features are already in palm sizes.
      for (const [mcp, , , tip] of CHAINS) {
        const reach = Math.hypot(features[2 * tip - 2] - features[2 * mcp - 2], features[2 * tip - 1] - features[2 * mcp - 1]);
        expect(reach).toBeGreaterThan(0.45); // 0.5 for the pinky, less jitter
      }
    }
  });
});

describe('tilt', () => {
  it('gives a straight finger in the image plane little depth, and a folded one depth above the palm', () => {
    const depth = guessDepth(open);
    for (const [mcp] of CHAINS) expect(depth[mcp]).toBe(0);
    // kinivi's open hand has long, straight fingers: they barely point out of the plane.
    for (const [, pip, dip, tip] of CHAINS) expect(Math.max(depth[pip], depth[dip], depth[tip])).toBeLessThan(0.15);
    const folded = guessDepth(foldedHand());
    for (const [, pip] of CHAINS) expect(folded[pip]).toBeGreaterThan(0.2);
  });

  it('squashes a flat hand by cos(angle) along the direction', () => {
    const flat = new Float64Array(21);
    const tilted = tiltPoints(open, flat, 0, Math.acos(0.6));
    for (let i = 0; i < 21; i++) {
      expect(tilted[2 * i]).toBeCloseTo(0.6 * open[2 * i], 12);
      expect(tilted[2 * i + 1]).toBeCloseTo(open[2 * i + 1], 12);
    }
  });

  it('moves fingers standing out of the palm across the knuckle line when the top tilts towards the camera', () => {
    const fist = foldedHand();
    const tilted = tiltPoints(fist, guessDepth(fist), Math.PI / 2, (40 * Math.PI) / 180);
    for (const [mcp, pip] of CHAINS) {
      expect(fist[2 * pip + 1]).toBeGreaterThan(fist[2 * mcp + 1]);
      expect(tilted[2 * pip + 1]).toBeLessThan(tilted[2 * mcp + 1]);
    }
  });
});
