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

/**
 * Real hands (canonical points, 42 values) by what each digit does: `extended[d]` holds hands whose digit d (0 thumb,
 * 1 index … 4 pinky) is extended, `curled[d]` hands whose digit d is curled (the thumb: closed). A hand is in the list
 * of every digit its pattern names, so a pointing hand gives an extended index and curled middle, ring and pinky.
 */
export interface Donors {
  readonly extended: readonly (readonly Float64Array[])[];
  readonly curled: readonly (readonly Float64Array[])[];
}

const DIGITS = 5;

/** Donors of nothing yet, to be filled by addDonor. */
export function emptyDonors(): { extended: Float64Array[][]; curled: Float64Array[][] } {
  return { extended: Array.from({ length: DIGITS }, () => []), curled: Array.from({ length: DIGITS }, () => []) };
}

/**
 * Files `hand` under each digit its pattern calls extended ('1') or curled ('0'); '-' digits give nothing. The thumb
 * only where it looks the part (`thumbOut`): a fist or pointing hand often holds its thumb out a little (a fifth of
 * kinivi's fists), and such a thumb, put on a rock or pointing hand as its closed thumb, makes the "I love you" hand
 * or an "L" of it.
 */
export function addDonor(donors: ReturnType<typeof emptyDonors>, hand: Float64Array, pattern: string, thumbOut: boolean): void {
  for (let digit = 0; digit < DIGITS; digit++) {
    if (digit === 0 && (pattern[0] === '1') !== thumbOut) continue;
    if (pattern[digit] === '1') donors.extended[digit].push(hand);
    else if (pattern[digit] === '0') donors.curled[digit].push(hand);
  }
}

/** Donors from whole open hands (every digit extended) and fists (every digit curled). */
export function donorsFromHands(open: readonly Float64Array[], fists: readonly Float64Array[]): Donors {
  return { extended: Array.from({ length: DIGITS }, () => open), curled: Array.from({ length: DIGITS }, () => fists) };
}

/** True when every digit has an extended and a curled donor: any pattern can be made. */
export function canSynthesize(donors: Donors): boolean {
  return donors.extended.every((hands) => hands.length > 0) && donors.curled.every((hands) => hands.length > 0);
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
 * (wrist and knuckles of a hand with its index extended or curled, even odds) with each finger's chain taken, relative
 * to its knuckle, from a real hand with that finger extended or curled; the thumb (relative to the wrist) comes from a
 * real hand with it extended or closed. Every piece is a real, tracked shape; only the combination is new.
 */
export function synthesizeHand(pattern: string, donors: Donors, random: SeededRandom): Float64Array {
  const isExtended = (digit: number) => (pattern[digit] === 'x' ? random.next() < 0.5 : pattern[digit] === '1');
  const palmSource = random.next() < 0.5 ? donors.extended[1] : donors.curled[1];
  const hand = Float64Array.from(random.pick(palmSource));
  FINGER_CHAINS.forEach((chain, finger) => {
    const digit = finger + 1;
    transplantChain(hand, random.pick(isExtended(digit) ? donors.extended[digit] : donors.curled[digit]), chain);
  });
  const thumbDonor = random.pick(isExtended(0) ? donors.extended[0] : donors.curled[0]);
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
