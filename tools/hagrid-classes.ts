// HaGRID v1 gesture classes and the Handcast label each one should get (null: a pose we make no claim about).

export const HAGRID_EXPECTED_LABEL: Readonly<Record<string, string | null>> = {
  call: 'none', // thumb and pinky out: not one of our gestures
  dislike: 'thumb_down',
  fist: 'fist',
  four: 'none',
  like: 'thumb_up',
  mute: null, // index finger on the lips: the hand alone is a pointing_up; the meaning needs the face
  ok: 'ok',
  one: 'pointing_up',
  palm: 'open_palm',
  peace: 'victory',
  peace_inverted: 'victory', // back of the hand to the camera
  rock: 'rock',
  stop: 'open_palm', // fingers together
  stop_inverted: 'open_palm',
  three: 'none',
  three2: 'none',
  two_up: null, // index and middle up but together: between victory and none
  two_up_inverted: null,
};

/** The HaGRID class of a photo file, from its name (e.g. ".../padded/peace_inverted.jpg" → "peace_inverted"). */
export function hagridClassOf(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
}
