// Names every stage shares: the class that means "no gesture", and which hand.

/** The label of the "no gesture" class: it never fires an event, and a rejected prediction becomes it. */
export const NONE_LABEL = 'none';

/** The person's own hand (MediaPipe's label corrected by the recognizer, after the page's optional left/right swap). */
export const HANDEDNESS_VALUES = ['Left', 'Right'] as const;
export type Handedness = (typeof HANDEDNESS_VALUES)[number];
