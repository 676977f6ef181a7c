// The overlay's message check: exactly an OverlayEffectMessage passes (positions clamped), anything else is refused with a reason.
import { checkEffectMessage, OVERLAY_TEXT_MAX_LENGTH } from '../../src/core/overlay/effect-message';
import { effectMessageFor, openOverlaySender, OVERLAY_CHANNEL, testEffectMessage } from '../../src/actions/overlay-channel';
import type { GestureEvent } from '../../src/core/gestures/gesture-event';

const valid = { type: 'handcast-effect', effect: 'confetti', x: 0.25, y: 0.75, gesture: 'thumb_up', timeMs: 1234 };

function reasonFor(data: unknown): string {
  const check = checkEffectMessage(data);
  if (check.ok) throw new Error(`expected ${JSON.stringify(data)} to be refused`);
  return check.reason;
}

describe('checkEffectMessage', () => {
  it('accepts a well-formed message, keeps only the known fields, and clamps the position to [0, 1]', () => {
    const check = checkEffectMessage({ ...valid, x: -0.02, y: 1.3, emoji: '👍', text: 'Nice <b>one</b>', extra: 'dropped' });
    expect(check).toEqual({
      ok: true,
      message: { type: 'handcast-effect', effect: 'confetti', x: 0, y: 1, gesture: 'thumb_up', timeMs: 1234, emoji: '👍', text: 'Nice <b>one</b>' },
    });
  });

  it('accepts every effect kind and an emoji ZWJ sequence', () => {
    for (const effect of ['emoji-burst', 'confetti', 'lower-third']) expect(checkEffectMessage({ ...valid, effect }).ok).toBe(true);
    expect(checkEffectMessage({ ...valid, emoji: '👨‍👩‍👧' }).ok).toBe(true);
  });

  it('refuses what is not an object, or not this type', () => {
    expect(reasonFor(null)).toBe('the message is null, not an object');
    expect(reasonFor('{"type":"handcast-effect"}')).toBe('the message is "{\\"type\\":\\"handcast-effect\\"}", not an object');
    expect(reasonFor([valid])).toBe('the message is an array, not an object');
    expect(reasonFor(undefined)).toBe('the message is nothing, not an object');
    expect(reasonFor({ ...valid, type: 'handcast-other' })).toBe('type must be "handcast-effect"');
  });

  it('refuses unknown effect kinds', () => {
    for (const effect of ['fireworks', 'CONFETTI', '', 3, undefined]) {
      expect(reasonFor({ ...valid, effect })).toBe('effect must be one of emoji-burst, confetti, lower-third');
    }
  });

  it('refuses positions and times that are not finite numbers', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '0.5', null, undefined, {}]) {
      expect(reasonFor({ ...valid, x: bad })).toBe('x must be a finite number');
      expect(reasonFor({ ...valid, y: bad })).toBe('y must be a finite number');
      expect(reasonFor({ ...valid, timeMs: bad })).toBe('timeMs must be a finite number');
    }
  });

  it('refuses script-ish, empty and over-long gesture names (gesture labels are letters, digits, spaces, _ and -)', () => {
    expect(reasonFor({ ...valid, gesture: '<img src=x onerror=alert(1)>' })).toMatch(/^gesture: label contains "<" \(U\+003C\)/);
    expect(reasonFor({ ...valid, gesture: 'javascript:alert(1)' })).toMatch(/^gesture: label contains ":"/);
    expect(reasonFor({ ...valid, gesture: 'a"b' })).toMatch(/^gesture: label contains """/);
    expect(reasonFor({ ...valid, gesture: '' })).toBe('gesture: label is empty');
    expect(reasonFor({ ...valid, gesture: 'x'.repeat(41) })).toBe('gesture: label is 41 characters long, at most 40 are allowed');
    expect(reasonFor({ ...valid, gesture: 42 })).toBe('gesture: label must be text');
  });

  it('refuses over-long, multi-line or direction-changing text and emoji, but not markup characters (they are drawn as text)', () => {
    expect(checkEffectMessage({ ...valid, text: '<script>alert(1)</script>' }).ok).toBe(true);
    expect(reasonFor({ ...valid, text: 'y'.repeat(OVERLAY_TEXT_MAX_LENGTH + 1) })).toBe('text is 81 characters long, at most 80 are allowed');
    expect(reasonFor({ ...valid, text: 'two\nlines' })).toBe('text contains a control or text-direction character');
    expect(reasonFor({ ...valid, text: 'abc\u202Edef' })).toBe('text contains a control or text-direction character');
    expect(reasonFor({ ...valid, text: '   ' })).toBe('text is empty');
    expect(reasonFor({ ...valid, emoji: 'a whole sentence here' })).toBe('emoji is 21 characters long, at most 12 are allowed');
    expect(reasonFor({ ...valid, emoji: 7 })).toBe('emoji must be text');
  });
});

describe('overlay sender', () => {
  const event: GestureEvent = {
    kind: 'pose', gesture: 'thumb_up', hand: 0, handedness: 'Right', position: { x: 0.3, y: 0.6 }, confidence: 0.9, timeMs: 500,
  };

  it('builds a message from a gesture event anchored at the hand, which the overlay accepts', () => {
    const message = effectMessageFor(event, { kind: 'overlay-effect', effect: 'emoji-burst', emoji: '👍' });
    expect(message).toEqual({ type: 'handcast-effect', effect: 'emoji-burst', x: 0.3, y: 0.6, gesture: 'thumb_up', emoji: '👍', timeMs: 500 });
    expect(checkEffectMessage(message).ok).toBe(true);
  });

  it('posts valid messages on the overlay channel and refuses, with a reason, what the overlay would ignore', async () => {
    const listener = new BroadcastChannel(OVERLAY_CHANNEL);
    const received: unknown[] = [];
    const arrived = new Promise<void>((resolve) => {
      listener.onmessage = (e: MessageEvent) => { received.push(e.data); resolve(); };
    });
    const sender = openOverlaySender();
    try {
      expect(sender.send({ ...testEffectMessage('confetti', 1), gesture: '<b>' })).toMatch(/^The overlay effect was not sent: gesture: label contains "<"/);
      expect(sender.send(testEffectMessage('lower-third', 2))).toBeNull();
      await arrived;
      expect(received).toEqual([{ type: 'handcast-effect', effect: 'lower-third', x: 0.5, y: 0.5, gesture: 'test', text: 'Handcast test effect', timeMs: 2 }]);
    } finally {
      sender.close();
      listener.close();
    }
  });
});
