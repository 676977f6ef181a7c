// Makes "none" hands (three, pinky up, call, middle+ring…) by re-articulating real hands finger by finger.
import { FINGER_CHAINS, THUMB_CHAIN } from '../../landmarks/types';
import type { SeededRandom } from '../../../util/seeded-random';

/**
 * Finger patterns that belong to no gesture class: thumb, index, middle, ring, pinky, with
 * 1 = extended, 0 = curled, x = either (drawn at random). Left out on purpose: 11111 open palm,
 * x0000 fist / thumb up / thumb down, x1000 pointing, x1100 victory, x1001 rock, x0111 (close to
 * ok, whose index only touches the thumb). 01111 ("four", thumb folded across the palm) differs
 * from open_palm by the thumb alone; held-out open palms did not suffer from it (docs/features.md).
 */
export const NONE_FINGER_PATTERNS: readonly string[] = [
  'x0100', 'x0010', 'x0001', 'x1010', 'x0110', 'x0101', 'x0011', 'x1110', 'x1101', 'x1011', '01111',
];

export interface Donors {
  /** Canonical points (42 values) of real open hands: the source of extended fingers. */
  readonly extended: readonly Float64Array[];
  /** Canonical points of real fists: the source of curled fingers. */
  readonly curled: readonly Float64Array[];
}

/** Replaces the finger whose chain is `chain` in `target` by the donor's, attached at the target's base joint. */
function transplantChain(target: Float64Array, donor: Float64Array, chain: readonly number[]): void {
  const [base, ...rest] = chain;
  for (const joint of rest) {
    target[2 * joint] = target[2 * base] + donor[2 * joint] - donor[2 * base];
    target[2 * joint + 1] = target[2 * base + 1] + donor[2 * joint + 1] - donor[2 * base + 1];
  }
}

/**
 * A canonical hand with the given finger pattern (see NONE_FINGER_PATTERNS), built in the canonical frame from a real palm
 * (wrist and knuckles of an open hand or a fist) with each finger's chain taken, relative to its
 * knuckle, from a real extended or curled finger; the thumb (relative to the wrist) comes from a
 * random open hand or fist. Every piece is a real, tracked shape; only the combination is new.
 */
export function synthesizeHand(pattern: string, donors: Donors, random: SeededRandom): Float64Array {
  const isExtended = (digit: number) => (pattern[digit] === 'x' ? random.next() < 0.5 : pattern[digit] === '1');
  const palmSource = random.next() < 0.5 ? donors.extended : donors.curled;
  const hand = Float64Array.from(random.pick(palmSource));
  FINGER_CHAINS.forEach((chain, finger) => {
    const donor = random.pick(isExtended(finger + 1) ? donors.extended : donors.curled);
    transplantChain(hand, donor, chain);
  });
  const thumbDonor = random.pick(isExtended(0) ? donors.extended : donors.curled);
  for (const joint of THUMB_CHAIN) {
    hand[2 * joint] = thumbDonor[2 * joint];
    hand[2 * joint + 1] = thumbDonor[2 * joint + 1];
  }
  return hand;
}

/** The pattern with each 'x' drawn as '1' or '0' (so the caller knows which fingers came out extended). */
export function resolvePattern(pattern: string, random: SeededRandom): string {
  return pattern.replace(/x/g, () => (random.next() < 0.5 ? '1' : '0'));
}

/** A "none" hand with a random pattern from `patterns`. */
export function synthesizeNoneHand(
  donors: Donors, random: SeededRandom, patterns: readonly string[] = NONE_FINGER_PATTERNS,
): Float64Array {
  return synthesizeHand(random.pick(patterns), donors, random);
}
