// Gives each visible hand a stable slot number across frames: same handedness, nearest to where the slot was last seen.
import type { Handedness } from '../labels';
import type { NormalisedPoint } from './gesture-event';
import { distanceInHeights } from './hand-geometry';
import type { SlotOptions } from './options';

export interface SlotCandidate {
  readonly handedness: Handedness;
  readonly centre: NormalisedPoint;
}

interface Slot {
  handedness: Handedness;
  centre: NormalisedPoint;
  lastSeenMs: number;
}

export interface SlotAssignment {
  /** Per candidate, in input order: its slot number. */
  readonly slots: readonly number[];
  /** Slots unseen for longer than lostAfterMs, freed on this frame: their state must be dropped. */
  readonly freed: readonly number[];
}

/**
 * Matching rule: a hand keeps a slot when the handedness is the same and its centre moved at most
 * maxMatchDistance image heights; pairs are taken nearest first. A hand with no such slot gets the lowest free
 * slot number. A slot survives lostAfterMs without its hand (a missed detection does not reset a hold).
 * A handedness flip by the landmarker therefore starts a new slot: its holds start again.
 */
export class HandSlots {
  private readonly slots = new Map<number, Slot>();

  constructor(private readonly options: SlotOptions, private readonly aspect: number) {}

  assign(candidates: readonly SlotCandidate[], timeMs: number): SlotAssignment {
    const pairs: { hand: number; slot: number; distance: number }[] = [];
    candidates.forEach((candidate, hand) => {
      for (const [index, slot] of this.slots) {
        if (slot.handedness !== candidate.handedness) continue;
        const distance = distanceInHeights(slot.centre, candidate.centre, this.aspect);
        if (distance <= this.options.maxMatchDistance) pairs.push({ hand, slot: index, distance });
      }
    });
    pairs.sort((a, b) => a.distance - b.distance || a.slot - b.slot);
    const assigned: number[] = candidates.map(() => -1);
    const taken = new Set<number>();
    for (const { hand, slot } of pairs) {
      if (assigned[hand] !== -1 || taken.has(slot)) continue;
      assigned[hand] = slot;
      taken.add(slot);
    }
    const freed: number[] = [];
    for (const [index, slot] of this.slots) {
      if (!taken.has(index) && timeMs - slot.lastSeenMs > this.options.lostAfterMs) {
        this.slots.delete(index);
        freed.push(index);
      }
    }
    candidates.forEach((candidate, hand) => {
      if (assigned[hand] === -1) {
        let index = 0;
        while (this.slots.has(index) || taken.has(index)) index++;
        assigned[hand] = index;
        taken.add(index);
      }
      this.slots.set(assigned[hand], { handedness: candidate.handedness, centre: candidate.centre, lastSeenMs: timeMs });
    });
    return { slots: assigned, freed };
  }

  reset(): void {
    this.slots.clear();
  }
}
