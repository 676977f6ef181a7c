// The camera-frame → OBS canvas mapping: crop, scale, every bounds type, alignment, rotation, flips and groups, with the expected pixels worked out by hand.
import {
  OBS_ALIGN_BOTTOM, OBS_ALIGN_CENTER, OBS_ALIGN_LEFT, OBS_ALIGN_RIGHT, OBS_ALIGN_TOP,
  LIBOBS_30_RULES, composeSceneItemTransforms, isMirroredOnCanvas, libobsRulesFor, mapNormalisedPoint, mapThroughChain, placeSceneItem,
  type ObsBoundsType, type Point, type SceneItemTransform,
} from '../../src/core/overlay/scene-item-transform.ts';
import { SeededRandom } from '../../src/util/seeded-random.ts';
import { sceneItemTransform } from './obs/fake-obs-scenes.ts';

const TOP_LEFT = OBS_ALIGN_TOP | OBS_ALIGN_LEFT;
const BOTTOM_RIGHT = OBS_ALIGN_BOTTOM | OBS_ALIGN_RIGHT;

/** A scene item as OBS creates it (top-left aligned, scale 1, no bounds, no crop) with `overrides` on top. */
const item = sceneItemTransform;

function map(transform: SceneItemTransform, x: number, y: number): Point | null {
  return mapThroughChain([transform], { x, y });
}

function expectPoint(actual: Point | null, x: number, y: number): void {
  expect(actual).not.toBeNull();
  expect(actual!.x).toBeCloseTo(x, 6);
  expect(actual!.y).toBeCloseTo(y, 6);
}

const distance = (p: Point, q: Point): number => Math.hypot(q.x - p.x, q.y - p.y);
/** Screen angle of q seen from p, in degrees: 0 to the right, 90 straight down (y grows downwards). */
const angle = (p: Point, q: Point): number => (Math.atan2(q.y - p.y, q.x - p.x) * 180) / Math.PI;

/** The 1280×720 facecam shrunk to a quarter (320×180 on the canvas), top-left corner at (1500, 800). */
const cornerCam = (overrides: Partial<SceneItemTransform> = {}): SceneItemTransform =>
  item({ sourceWidth: 1280, sourceHeight: 720, scaleX: 0.25, scaleY: 0.25, positionX: 1500, positionY: 800, ...overrides });

describe('one scene item without bounds', () => {
  it('maps a full-canvas 1920×1080 camera onto itself', () => {
    const camera = item({});
    expectPoint(map(camera, 0, 0), 0, 0);
    expectPoint(map(camera, 0.5, 0.5), 960, 540);
    expectPoint(map(camera, 1, 1), 1920, 1080);
    expectPoint(map(camera, 0.25, 0.75), 480, 810);
    expect(isMirroredOnCanvas([camera])).toBe(false);
  });

  it('scales a 1280×720 camera by 0.25 from its top-left position (1500, 800)', () => {
    const camera = cornerCam();
    // 1280·0.25 = 320 wide, 720·0.25 = 180 high, from (1500, 800).
    expectPoint(map(camera, 0, 0), 1500, 800);
    expectPoint(map(camera, 1, 1), 1820, 980);
    // (0.5, 0.25) → source (640, 180) → ·0.25 = (160, 45) → (1660, 845).
    expectPoint(map(camera, 0.5, 0.25), 1660, 845);
  });

  it('shows the crop from its top-left corner and hides the cropped-away pixels', () => {
    const camera = cornerCam({ cropLeft: 100, cropTop: 50 });
    // (0.5, 0.5) → source (640, 360) → after the crop (540, 310) → ·0.25 = (135, 77.5) → (1635, 877.5).
    expectPoint(map(camera, 0.5, 0.5), 1635, 877.5);
    // The first visible source pixel (100, 50) sits at the item's position.
    expectPoint(map(camera, 100 / 1280, 50 / 720), 1500, 800);
    // Source x = 0.05·1280 = 64 < 100 and source y = 0.05·720 = 36 < 50 are cropped away.
    expect(map(camera, 0.05, 0.5)).toBeNull();
    expect(map(camera, 0.5, 0.05)).toBeNull();
    // Right and bottom crops hide the far side: source x = 0.95·1280 = 1216 > 1280 − 100.
    expect(map(cornerCam({ cropRight: 100 }), 0.95, 0.5)).toBeNull();
    expectPoint(map(cornerCam({ cropRight: 100 }), 0.9, 0.5), 1500 + 1152 * 0.25, 890);
  });

  it('centres a cropped item on whole pixels, as OBS truncates the aligned size', () => {
    const camera = cornerCam({ cropLeft: 100, cropTop: 50, positionX: 960, positionY: 540, alignment: OBS_ALIGN_CENTER });
    // Cropped 1180×670 → ·0.25 = 295×167.5 → integer size 295×167 → half 147×83 (integer division).
    // The first visible pixel (100, 50) lands at (960 − 147, 540 − 83) = (813, 457).
    expectPoint(map(camera, 100 / 1280, 50 / 720), 813, 457);
  });

  it('puts the position at the centre or at the bottom-right corner, as the alignment says', () => {
    const centre = cornerCam({ positionX: 960, positionY: 540, alignment: OBS_ALIGN_CENTER });
    // Origin (320/2, 180/2) = (160, 90): the frame spans (800, 450)–(1120, 630) and its centre is the position.
    expectPoint(map(centre, 0, 0), 800, 450);
    expectPoint(map(centre, 1, 1), 1120, 630);
    expectPoint(map(centre, 0.5, 0.5), 960, 540);
    const bottomRight = cornerCam({ positionX: 960, positionY: 540, alignment: BOTTOM_RIGHT });
    // Origin (320, 180): the frame ends at the position.
    expectPoint(map(bottomRight, 0, 0), 640, 360);
    expectPoint(map(bottomRight, 1, 1), 960, 540);
    // An odd size: 641×361 centred → half 320×180 (integer division), so (0, 0) lands at (960 − 320, 540 − 180).
    const odd = item({ sourceWidth: 641, sourceHeight: 361, positionX: 960, positionY: 540, alignment: OBS_ALIGN_CENTER });
    expectPoint(map(odd, 0, 0), 640, 360);
  });

  it('rotates 90° clockwise about the position', () => {
    const camera = cornerCam({ rotation: 90 });
    // Clockwise on a y-down screen: the frame's x axis (320 long) now points down, its y axis (180) points left.
    expectPoint(map(camera, 0, 0), 1500, 800);
    expectPoint(map(camera, 1, 0), 1500, 1120);
    expectPoint(map(camera, 0, 1), 1320, 800);
    expectPoint(map(camera, 1, 1), 1320, 1120);
  });

  it('rotates 30° clockwise about the position, keeping lengths', () => {
    const camera = cornerCam({ positionX: 960, positionY: 540, rotation: 30 });
    const origin = map(camera, 0, 0)!;
    const topRight = map(camera, 1, 0)!;
    const bottomLeft = map(camera, 0, 1)!;
    const bottomRight = map(camera, 1, 1)!;
    expectPoint(origin, 960, 540);
    // The top edge (320) turns 30° clockwise: (320·cos 30°, 320·sin 30°) = (277.128, 160) from the position.
    expectPoint(topRight, 960 + 320 * Math.cos(Math.PI / 6), 700);
    expect(distance(origin, topRight)).toBeCloseTo(320, 6);
    expect(angle(origin, topRight)).toBeCloseTo(30, 6);
    // The left edge (180) pointed straight down (90°) and now points at 120°.
    expect(distance(origin, bottomLeft)).toBeCloseTo(180, 6);
    expect(angle(origin, bottomLeft)).toBeCloseTo(120, 6);
    // The diagonal keeps its length √(320² + 180²).
    expect(distance(origin, bottomRight)).toBeCloseTo(Math.hypot(320, 180), 6);
    // Centre-aligned, the frame's centre is the pivot: it stays on the position whatever the angle.
    expectPoint(map(cornerCam({ positionX: 960, positionY: 540, rotation: 30, alignment: OBS_ALIGN_CENTER }), 0.5, 0.5), 960, 540);
  });

  it('flips with a negative scaleX: the frame runs leftwards from the position and reads as mirrored', () => {
    const camera = cornerCam({ scaleX: -0.25 });
    // Integer size −320: top-left alignment adds nothing, so source x runs from 1500 leftwards to 1180.
    expectPoint(map(camera, 0, 0), 1500, 800);
    expectPoint(map(camera, 1, 0), 1180, 800);
    expectPoint(map(camera, 0.25, 1), 1420, 980);
    expect(isMirroredOnCanvas([camera])).toBe(true);
    // Centre-aligned: origin x = −320/2 = −160, so the flip happens in place about the position.
    const centred = cornerCam({ scaleX: -0.25, alignment: OBS_ALIGN_CENTER });
    expectPoint(map(centred, 0, 0), 1660, 710);
    expectPoint(map(centred, 1, 0), 1340, 710);
    expectPoint(map(centred, 0.5, 0.5), 1500, 800);
  });

  it('tells a mirror (one axis flipped, through any rotation) from a 180° turn (both flipped)', () => {
    expect(isMirroredOnCanvas([cornerCam({ scaleY: -0.25 })])).toBe(true);
    expect(isMirroredOnCanvas([cornerCam({ scaleX: -0.25, rotation: 90 })])).toBe(true);
    expect(isMirroredOnCanvas([cornerCam({ scaleX: -0.25, scaleY: -0.25 })])).toBe(false);
    expect(isMirroredOnCanvas([cornerCam({ rotation: 180 })])).toBe(false);
  });

  it('draws nothing for an empty source, a zero scale or a crop that takes everything', () => {
    expect(placeSceneItem(item({ sourceWidth: 0, sourceHeight: 0 }))).toBeNull();
    expect(placeSceneItem(cornerCam({ scaleX: 0 }))).toBeNull();
    expect(placeSceneItem(cornerCam({ cropLeft: 700, cropRight: 580 }))).toBeNull();
    expect(isMirroredOnCanvas([cornerCam({ scaleX: 0 })])).toBeNull();
  });
});

describe('one scene item in a bounds box', () => {
  // A 16:9 source (1280×720) in a square 400×400 box whose top-left corner is the position (100, 100).
  const boxed = (boundsType: ObsBoundsType, boundsAlignment: number, overrides: Partial<SceneItemTransform> = {}) =>
    item({
      sourceWidth: 1280, sourceHeight: 720, positionX: 100, positionY: 100,
      boundsType, boundsAlignment, boundsWidth: 400, boundsHeight: 400, ...overrides,
    });

  it('stretches to fill the box whatever its alignment', () => {
    for (const alignment of [OBS_ALIGN_CENTER, TOP_LEFT]) {
      const camera = boxed('OBS_BOUNDS_STRETCH', alignment);
      // Scale (400/1280, 400/720): the frame fills (100, 100)–(500, 500).
      expectPoint(map(camera, 0, 0), 100, 100);
      expectPoint(map(camera, 0.5, 0.5), 300, 300);
      expectPoint(map(camera, 1, 1), 500, 500);
    }
  });

  it('scales inside the box, letterboxed where the box alignment says', () => {
    // 1280×720 is wider than the box: fit the width, ·400/1280 = 0.3125 → 400×225, 175 spare rows.
    // Centre: origin y = (int)(−175) / 2 = −87 (integer division), so the frame starts 87 rows down.
    const centre = boxed('OBS_BOUNDS_SCALE_INNER', OBS_ALIGN_CENTER);
    expectPoint(map(centre, 0, 0), 100, 187);
    expectPoint(map(centre, 1, 1), 500, 412);
    const topLeft = boxed('OBS_BOUNDS_SCALE_INNER', TOP_LEFT);
    expectPoint(map(topLeft, 0, 0), 100, 100);
    expectPoint(map(topLeft, 1, 1), 500, 325);
    const bottomRight = boxed('OBS_BOUNDS_SCALE_INNER', BOTTOM_RIGHT);
    expectPoint(map(bottomRight, 0, 0), 100, 275);
    expectPoint(map(bottomRight, 1, 1), 500, 500);
  });

  it('scales to cover the box, overflowing it sideways where the box alignment says', () => {
    // Cover: fit the height, ·400/720 → 711.11×400, 311.11 columns too many.
    // Centre: origin x = (int)311.11 / 2 = 155, so the frame starts at 100 − 155 = −55.
    const centre = boxed('OBS_BOUNDS_SCALE_OUTER', OBS_ALIGN_CENTER);
    expectPoint(map(centre, 0, 0), -55, 100);
    expectPoint(map(centre, 1, 1), -55 + 1280 * (400 / 720), 500);
    const topLeft = boxed('OBS_BOUNDS_SCALE_OUTER', TOP_LEFT);
    expectPoint(map(topLeft, 0, 0), 100, 100);
    expectPoint(map(topLeft, 1, 1), 100 + 1280 * (400 / 720), 500);
  });

  it('crops an overflowing cover to the box when cropToBounds is set', () => {
    // 311.11 canvas columns too many = 311.11 / (400/720) = 560 source columns; centred: 280 cut each side.
    const centre = boxed('OBS_BOUNDS_SCALE_OUTER', OBS_ALIGN_CENTER, { cropToBounds: true });
    expectPoint(map(centre, 280 / 1280, 0), 100, 100);
    expectPoint(map(centre, 0.5, 0.5), 300, 300);
    expectPoint(map(centre, 1000 / 1280, 1), 500, 500);
    expect(map(centre, 0.1, 0.5)).toBeNull();
    expect(map(centre, 0.9, 0.5)).toBeNull();
    // Top-left: all 560 columns are cut on the right; source x 0–720 fills the box.
    const topLeft = boxed('OBS_BOUNDS_SCALE_OUTER', TOP_LEFT, { cropToBounds: true });
    expectPoint(map(topLeft, 0, 0), 100, 100);
    expectPoint(map(topLeft, 720 / 1280, 1), 500, 500);
    expect(map(topLeft, 0.6, 0.5)).toBeNull();
    // Flipped (scaleX −1) and top-left in the box: the screen's left part is the source's right part, so the 560
    // columns are cut on the source's left; source x 560–1280 fills the box mirrored (origin 311.11 − 711.11 = −400).
    const flipped = boxed('OBS_BOUNDS_SCALE_OUTER', TOP_LEFT, { cropToBounds: true, scaleX: -1 });
    expectPoint(map(flipped, 560 / 1280, 0), 500, 100);
    expectPoint(map(flipped, 1, 1), 100, 500);
    expect(map(flipped, 0.4, 0.5)).toBeNull();
    // Without cropToBounds, "scale inner" never overflows and ignores it.
    expect(map(boxed('OBS_BOUNDS_SCALE_INNER', OBS_ALIGN_CENTER, { cropToBounds: true }), 0.1, 0.5)).not.toBeNull();
  });

  it('scales to the box width or to its height, aligned in the box', () => {
    // To width: ·400/1280 → 400×225, as "inner" for this wide source in a square box.
    expectPoint(map(boxed('OBS_BOUNDS_SCALE_TO_WIDTH', OBS_ALIGN_CENTER), 0, 0), 100, 187);
    expectPoint(map(boxed('OBS_BOUNDS_SCALE_TO_WIDTH', TOP_LEFT), 1, 1), 500, 325);
    // In a 400×100 box "to width" still gives 400×225 (125 rows over; centred: origin y = 125 / 2 = 62),
    // where "inner" would fit the height (100/720).
    const wideBox = { boundsHeight: 100 };
    expectPoint(map(boxed('OBS_BOUNDS_SCALE_TO_WIDTH', OBS_ALIGN_CENTER, wideBox), 0, 0), 100, 38);
    expectPoint(map(boxed('OBS_BOUNDS_SCALE_TO_WIDTH', OBS_ALIGN_CENTER, wideBox), 1, 1), 500, 263);
    expectPoint(map(boxed('OBS_BOUNDS_SCALE_INNER', TOP_LEFT, wideBox), 1, 1), 100 + 1280 * (100 / 720), 200);
    // To height: ·400/720 → 711.11×400, as "outer" here.
    expectPoint(map(boxed('OBS_BOUNDS_SCALE_TO_HEIGHT', OBS_ALIGN_CENTER), 0, 0), -55, 100);
    expectPoint(map(boxed('OBS_BOUNDS_SCALE_TO_HEIGHT', TOP_LEFT), 1, 1), 100 + 1280 * (400 / 720), 500);
  });

  it('"max only" shrinks a source larger than the box and leaves a smaller one at its size, aligned', () => {
    // 1280×720 is larger than 400×400: scaled as "inner".
    expectPoint(map(boxed('OBS_BOUNDS_MAX_ONLY', OBS_ALIGN_CENTER), 1, 1), 500, 412);
    expectPoint(map(boxed('OBS_BOUNDS_MAX_ONLY', TOP_LEFT), 1, 1), 500, 325);
    // 320×180 fits: kept at scale 1, 80 columns and 220 rows spare.
    const small = { sourceWidth: 320, sourceHeight: 180 };
    // Centred: origin (−80/2, −220/2) = (−40, −110) → (140, 210)–(460, 390).
    expectPoint(map(boxed('OBS_BOUNDS_MAX_ONLY', OBS_ALIGN_CENTER, small), 0, 0), 140, 210);
    expectPoint(map(boxed('OBS_BOUNDS_MAX_ONLY', OBS_ALIGN_CENTER, small), 1, 1), 460, 390);
    // Top-left: (100, 100)–(420, 280); bottom-right: (180, 320)–(500, 500).
    expectPoint(map(boxed('OBS_BOUNDS_MAX_ONLY', TOP_LEFT, small), 1, 1), 420, 280);
    expectPoint(map(boxed('OBS_BOUNDS_MAX_ONLY', BOTTOM_RIGHT, small), 0, 0), 180, 320);
  });

  it('aligns the box itself to the position with the item alignment', () => {
    // Centre-aligned 400×400 box at (960, 540): the box spans (760, 340)–(1160, 740); inner, centred in the box:
    // origin (0, −87) + (200, 200) = (200, 113), so the frame starts at (760, 427).
    const camera = boxed('OBS_BOUNDS_SCALE_INNER', OBS_ALIGN_CENTER, { positionX: 960, positionY: 540, alignment: OBS_ALIGN_CENTER });
    expectPoint(map(camera, 0, 0), 760, 427);
    expectPoint(map(camera, 1, 1), 1160, 652);
  });

  it('flips inside the box with a negative scale, staying in the box', () => {
    // Stretch keeps only the sign: scale x = −400/1280; the origin moves by the drawn width −400 so source x 0 is
    // on the box's right edge.
    const stretched = boxed('OBS_BOUNDS_STRETCH', TOP_LEFT, { scaleX: -1 });
    expectPoint(map(stretched, 0, 0), 500, 100);
    expectPoint(map(stretched, 1, 1), 100, 500);
    expect(isMirroredOnCanvas([stretched])).toBe(true);
    // Inner with scale (−1, 1): 400×225 mirrored, centred vertically: origin (−400, −87).
    const inner = boxed('OBS_BOUNDS_SCALE_INNER', OBS_ALIGN_CENTER, { scaleX: -1 });
    expectPoint(map(inner, 0, 0), 500, 187);
    expectPoint(map(inner, 1, 1), 100, 412);
    expect(isMirroredOnCanvas([inner])).toBe(true);
  });

  it('before OBS 30, drops the flip when stretching and draws a flipped item out of its box unless centred in it', () => {
    expect(libobsRulesFor('29.0.2')).toEqual({ flipStaysInBounds: false });
    expect(libobsRulesFor('28.1.2')).toEqual({ flipStaysInBounds: false });
    expect(libobsRulesFor('30.0.0')).toEqual(LIBOBS_30_RULES);
    expect(libobsRulesFor('31.1.1')).toEqual(LIBOBS_30_RULES);
    expect(libobsRulesFor('')).toEqual(LIBOBS_30_RULES);
    const obs29 = libobsRulesFor('29.0.2');
    // Stretch: scale (400/1280, 400/720), the sign dropped: the frame fills the box unflipped.
    const stretched = boxed('OBS_BOUNDS_STRETCH', TOP_LEFT, { scaleX: -1 });
    expectPoint(mapThroughChain([stretched], { x: 0, y: 0 }, obs29), 100, 100);
    expect(isMirroredOnCanvas([stretched], obs29)).toBe(false);
    // Inner, left in the box, scale (−1, 1) → (−0.3125, 0.3125): 400×225 drawn leftwards. The room left is taken with
    // the signed width, 400 − (−400) = 800, but a left alignment ignores it; vertically (int)−175 / 2 = −87. The
    // item's top-left alignment adds nothing, so source x 0 lands on the box's left edge and the frame runs left of
    // the box: x from 100 down to −300 (OBS 30 keeps it in the box, 500 down to 100).
    const left = boxed('OBS_BOUNDS_SCALE_INNER', OBS_ALIGN_LEFT, { scaleX: -1 });
    expectPoint(mapThroughChain([left], { x: 0, y: 0 }, obs29), 100, 187);
    expectPoint(mapThroughChain([left], { x: 1, y: 1 }, obs29), -300, 412);
    expectPoint(map(left, 0, 0), 500, 187);
    // Centred in the box: (int)−800 / 2 = −400 is the shift OBS 30 makes too, so both agree.
    const centred = boxed('OBS_BOUNDS_SCALE_INNER', OBS_ALIGN_CENTER, { scaleX: -1 });
    expectPoint(mapThroughChain([centred], { x: 0, y: 0 }, obs29), 500, 187);
    // Unflipped items are laid out alike by both.
    expectPoint(mapThroughChain([boxed('OBS_BOUNDS_SCALE_INNER', BOTTOM_RIGHT)], { x: 1, y: 1 }, obs29), 500, 500);
  });
});

describe('a camera inside a group', () => {
  // In the group's own pixels the camera (1280×720) is halved at the group's top-left: 640×360, the group's size.
  const cameraInGroup = item({ sourceWidth: 1280, sourceHeight: 720, scaleX: 0.5, scaleY: 0.5 });
  // The group, moved to (1200, 600) and halved again in the scene: 320×180 on the canvas.
  const group = item({ sourceWidth: 640, sourceHeight: 360, scaleX: 0.5, scaleY: 0.5, positionX: 1200, positionY: 600 });

  it('maps through the camera item and then the group item', () => {
    const placement = composeSceneItemTransforms(cameraInGroup, group)!;
    // (0.5, 0.5) → source (640, 360) → group (320, 180) → canvas (1200 + 160, 600 + 90).
    expectPoint(mapNormalisedPoint(placement, { x: 0.5, y: 0.5 }), 1360, 690);
    expectPoint(mapNormalisedPoint(placement, { x: 1, y: 1 }), 1520, 780);
    expectPoint(mapThroughChain([cameraInGroup, group], { x: 0, y: 0 }), 1200, 600);
    // The composed map has the product scale 0.25 on both axes.
    expect(placement.toCanvas.a).toBeCloseTo(0.25, 12);
    expect(placement.toCanvas.d).toBeCloseTo(0.25, 12);
  });

  it("hides what the group's crop hides and reads a flip on either level", () => {
    // The group crops its right half (320 of its 640 columns): camera x 0.75 → group x 480 is hidden.
    const cropped = { ...group, cropRight: 320 };
    expect(mapThroughChain([cameraInGroup, cropped], { x: 0.75, y: 0.5 })).toBeNull();
    expectPoint(mapThroughChain([cameraInGroup, cropped], { x: 0.25, y: 0.5 }), 1280, 690);
    expect(isMirroredOnCanvas([cameraInGroup, { ...group, scaleX: -0.5 }])).toBe(true);
    expect(isMirroredOnCanvas([{ ...cameraInGroup, scaleX: -0.5 }, { ...group, scaleX: -0.5 }])).toBe(false);
  });

  it('follows a rotated group about its own position', () => {
    // Group turned 90° clockwise about (1200, 600): camera (1, 0) → group (640, 0) → ·0.5 = (320, 0) → turned (0, 320).
    const turned = { ...group, rotation: 90 };
    expectPoint(mapThroughChain([cameraInGroup, turned], { x: 1, y: 0 }), 1200, 920);
  });
});

describe('random transforms without crop', () => {
  const ALIGNMENTS = [0, 1, 2, 4, 5, 6, 8, 9, 10];
  const BOUNDS: ObsBoundsType[] = [
    'OBS_BOUNDS_NONE', 'OBS_BOUNDS_STRETCH', 'OBS_BOUNDS_SCALE_INNER', 'OBS_BOUNDS_SCALE_OUTER',
    'OBS_BOUNDS_SCALE_TO_WIDTH', 'OBS_BOUNDS_SCALE_TO_HEIGHT', 'OBS_BOUNDS_MAX_ONLY',
  ];

  /** The drawn area from the closed forms of each bounds type (min/max of the two fits), not OBS's aspect test. */
  function expectedArea(t: SceneItemTransform): number {
    const w = t.sourceWidth * Math.abs(t.scaleX);
    const h = t.sourceHeight * Math.abs(t.scaleY);
    const byWidth = t.boundsWidth / w;
    const byHeight = t.boundsHeight / h;
    const fit = (mul: number): number => w * h * mul * mul;
    switch (t.boundsType) {
      case 'OBS_BOUNDS_NONE': return w * h;
      case 'OBS_BOUNDS_STRETCH': return t.boundsWidth * t.boundsHeight;
      case 'OBS_BOUNDS_SCALE_INNER': return fit(Math.min(byWidth, byHeight));
      case 'OBS_BOUNDS_SCALE_OUTER': return fit(Math.max(byWidth, byHeight));
      case 'OBS_BOUNDS_SCALE_TO_WIDTH': return fit(byWidth);
      case 'OBS_BOUNDS_SCALE_TO_HEIGHT': return fit(byHeight);
      case 'OBS_BOUNDS_MAX_ONLY': return w > t.boundsWidth || h > t.boundsHeight ? fit(Math.min(byWidth, byHeight)) : w * h;
    }
  }

  it('map the frame corners to a parallelogram of the expected area and orientation', () => {
    const random = new SeededRandom(16);
    for (let trial = 0; trial < 300; trial++) {
      const flipX = random.next() < 0.3 ? -1 : 1;
      const flipY = random.next() < 0.2 ? -1 : 1;
      const transform = item({
        sourceWidth: 1 + random.int(1920), sourceHeight: 1 + random.int(1080),
        scaleX: flipX * random.uniform(0.05, 3), scaleY: flipY * random.uniform(0.05, 3),
        positionX: random.uniform(-500, 2500), positionY: random.uniform(-500, 1500),
        rotation: random.uniform(-360, 360), alignment: random.pick(ALIGNMENTS),
        boundsType: random.pick(BOUNDS), boundsAlignment: random.pick(ALIGNMENTS),
        boundsWidth: random.uniform(10, 1920), boundsHeight: random.uniform(10, 1080),
      });
      const [p00, p10, p01, p11] = [[0, 0], [1, 0], [0, 1], [1, 1]].map(([x, y]) => map(transform, x, y)!);
      const detail = JSON.stringify(transform);
      // Opposite corners share a midpoint: a parallelogram.
      expect(Math.abs(p00.x + p11.x - p10.x - p01.x), detail).toBeLessThan(1e-6 * (1 + Math.abs(p00.x)));
      expect(Math.abs(p00.y + p11.y - p10.y - p01.y), detail).toBeLessThan(1e-6 * (1 + Math.abs(p00.y)));
      const cross = (p10.x - p00.x) * (p01.y - p00.y) - (p10.y - p00.y) * (p01.x - p00.x);
      const area = expectedArea(transform);
      expect(Math.abs(Math.abs(cross) - area), detail).toBeLessThan(1e-9 * area + 1e-6);
      // Orientation: mirrored exactly when one axis (not both) is flipped.
      expect(cross < 0, detail).toBe(flipX * flipY < 0);
      expect(isMirroredOnCanvas([transform]), detail).toBe(flipX * flipY < 0);
    }
  });
});
