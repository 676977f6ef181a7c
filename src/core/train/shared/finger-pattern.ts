// Which digits a recorded hand holds out, by the people data's own label check (../shared/data/people/README.md).
import { FINGER_CHAINS } from '../../landmarks/types';
import { isThumbOut } from './poses';

/** A finger is extended when its tip is this many times farther from the wrist than its knuckle (the README's test). */
const EXTENDED_TIP_RATIO = 1.3;

/**
 * The hand's pattern, thumb first ('1' out, '0' folded): finger k extended if |tip − wrist| / |MCP − wrist| > 1.3,
 * the thumb by isThumbOut. `points` are 21 (x, y) pairs with the wrist at index 0.
 */
export function fingerPattern(points: Float64Array): string {
  const fromWrist = (joint: number) => Math.hypot(points[2 * joint] - points[0], points[2 * joint + 1] - points[1]);
  const fingers = FINGER_CHAINS.map(([mcp, , , tip]) => (fromWrist(tip) > EXTENDED_TIP_RATIO * fromWrist(mcp) ? '1' : '0'));
  return (isThumbOut(points) ? '1' : '0') + fingers.join('');
}

/** True when `pattern` (see fingerPattern) fits the recipe's ('0' folded, '1' out, '-' either), as the README checks labels. */
export function fitsFingerPattern(pattern: string, expected: string): boolean {
  return [...expected].every((want, digit) => want === '-' || want === pattern[digit]);
}
