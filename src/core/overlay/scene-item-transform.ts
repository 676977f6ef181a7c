// Where a point of a camera frame lands on the OBS canvas: a scene item's transform (crop, scale or bounds, alignment, rotation, position) as libobs composes it.
//
// The steps follow libobs/obs-scene.c (update_item_transform, calculate_bounds_data, add_alignment, calc_cx/calc_cy,
// render_item); docs/obs-scene-mapping.md derives them. The integer truncations OBS makes on the way (the aligned
// size is cast to an integer, halves are integer divisions) are kept, so a point lands on the same canvas pixel as
// OBS draws it, not half a pixel off.

/** A point in pixels (or normalised units where said), x to the right, y down. */
export interface Point {
  x: number;
  y: number;
}

/** A rectangle by its edges: left ≤ x ≤ right, top ≤ y ≤ bottom. */
export interface Edges {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * A 2-D affine map in the canvas/DOMMatrix convention: x' = a·x + c·y + e, y' = b·x + d·y + f.
 * The overlay can hand it straight to CanvasRenderingContext2D.setTransform.
 */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export type ObsBoundsType =
  | 'OBS_BOUNDS_NONE'
  | 'OBS_BOUNDS_STRETCH'
  | 'OBS_BOUNDS_SCALE_INNER'
  | 'OBS_BOUNDS_SCALE_OUTER'
  | 'OBS_BOUNDS_SCALE_TO_WIDTH'
  | 'OBS_BOUNDS_SCALE_TO_HEIGHT'
  | 'OBS_BOUNDS_MAX_ONLY';

/** obs_alignment bit flags (libobs obs-defs.h); 0 is centred on both axes, LEFT|TOP (5) is the top-left corner. */
export const OBS_ALIGN_CENTER = 0;
export const OBS_ALIGN_LEFT = 1;
export const OBS_ALIGN_RIGHT = 2;
export const OBS_ALIGN_TOP = 4;
export const OBS_ALIGN_BOTTOM = 8;

/**
 * A scene item's transform exactly as obs-websocket 5 returns it (GetSceneItemTransform → sceneItemTransform).
 * Sizes and positions are in pixels of the scene the item sits in (the canvas, or its group's own pixels); crop is in
 * source pixels; rotation in degrees, clockwise on screen, about the item's position. `width`/`height` are
 * scaleX·sourceWidth and scaleY·sourceHeight as obs-websocket computes them: informative only, never used here.
 */
export interface SceneItemTransform {
  positionX: number;
  positionY: number;
  rotation: number;
  scaleX: number;
  scaleY: number;
  width: number;
  height: number;
  sourceWidth: number;
  sourceHeight: number;
  alignment: number;
  boundsType: ObsBoundsType;
  boundsAlignment: number;
  boundsWidth: number;
  boundsHeight: number;
  cropLeft: number;
  cropRight: number;
  cropTop: number;
  cropBottom: number;
  /** obs-websocket ≥ 5.5 (OBS 30.1+); absent from older servers, where it does not exist and counts as false. */
  cropToBounds?: boolean;
}

/**
 * How this OBS lays out a flipped item in a bounds box. OBS 30.0 changed it (libobs pull requests 9209 and 9211):
 * before, a flip was dropped by "stretch to bounds", and a flipped item was aligned by its signed size and drawn out
 * of its box unless centred in it. `flipStaysInBounds: false` reproduces OBS 29 and older (checked against OBS
 * 29.0.2 in tests/obs/camera-placement.test.ts); OBS 30 and newer is the default.
 */
export interface LibobsRules {
  readonly flipStaysInBounds: boolean;
}

export const LIBOBS_30_RULES: LibobsRules = { flipStaysInBounds: true };

/** The rules of the OBS that reports this version (GetVersion's obsVersion, e.g. "29.0.2"); unreadable: OBS 30+. */
export function libobsRulesFor(obsVersion: string): LibobsRules {
  const major = Number(/^(\d+)\./.exec(obsVersion)?.[1]);
  return { flipStaysInBounds: !(Number.isInteger(major) && major < 30) };
}

/** One scene item placed in its parent: which source pixels show, and the affine map from source pixels to the parent. */
export interface SceneItemPlacement {
  /** Source pixels drawn (after the item's crop and any crop-to-bounds), inclusive edges. */
  visible: Edges;
  sourceWidth: number;
  sourceHeight: number;
  /** Source pixels → pixels of the scene (or group) holding the item. */
  toParent: Affine;
}

/** A camera item placed on the canvas through zero or more enclosing groups. */
export interface SceneItemChainPlacement {
  /** Innermost (the camera's own item) first, then each enclosing group's item, outwards. */
  stages: readonly SceneItemPlacement[];
  /** Camera source pixels → canvas pixels: every stage composed. */
  toCanvas: Affine;
  /** The camera appears mirrored on the canvas (the composed map reverses orientation); see isMirroredOnCanvas. */
  mirrored: boolean;
}

const IDENTITY: Affine = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

/** `outer` after `inner`: the map x ↦ outer(inner(x)). */
export function composeAffine(outer: Affine, inner: Affine): Affine {
  return {
    a: outer.a * inner.a + outer.c * inner.b,
    b: outer.b * inner.a + outer.d * inner.b,
    c: outer.a * inner.c + outer.c * inner.d,
    d: outer.b * inner.c + outer.d * inner.d,
    e: outer.a * inner.e + outer.c * inner.f + outer.e,
    f: outer.b * inner.e + outer.d * inner.f + outer.f,
  };
}

export function applyAffine(m: Affine, p: Point): Point {
  return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
}

/** C's (int) cast of a float: toward zero. */
const toInt = Math.trunc;

/** The product as libobs gets it, in 32-bit floats, before it truncates it: keeps the truncation on OBS's side of an integer. */
function float32Product(a: number, b: number): number {
  return Math.fround(Math.fround(a) * Math.fround(b));
}

/**
 * libobs add_alignment: the offset of the reference point inside a box of integer size (cx, cy). RIGHT/BOTTOM take
 * the full size, LEFT/TOP none, neither the half as C's integer division (toward zero).
 */
function alignmentOffset(alignment: number, cx: number, cy: number): Point {
  const along = (size: number, low: number, high: number): number =>
    alignment & high ? size : alignment & low ? 0 : toInt(size / 2);
  return { x: along(cx, OBS_ALIGN_LEFT, OBS_ALIGN_RIGHT), y: along(cy, OBS_ALIGN_TOP, OBS_ALIGN_BOTTOM) };
}

/** libobs calc_cx/calc_cy: the size left after cutting `cut` pixels, 2 when the cut is larger than the size. */
function sizeAfterCut(size: number, cut: number): number {
  return cut > size ? 2 : size - cut;
}

/** Sign of the scale as C's copysignf reads it (a negative zero counts as negative). */
function signOf(value: number): number {
  return value < 0 || Object.is(value, -0) ? -1 : 1;
}

interface ItemLayout {
  /** Source pixels cut from each side: the item's crop plus what crop-to-bounds removes. */
  cut: Edges;
  /** Texture pixels → item pixels, signed (negative flips). */
  scale: Point;
  /** Subtracted from the scaled texture point before the rotation about the position. */
  origin: Point;
}

const CROP_TO_BOUNDS_TYPES: ReadonlySet<ObsBoundsType> = new Set([
  'OBS_BOUNDS_SCALE_OUTER', 'OBS_BOUNDS_SCALE_TO_WIDTH', 'OBS_BOUNDS_SCALE_TO_HEIGHT',
]);

/** calculate_bounds_data: the scale that fits the cropped source into the bounds box, and the box's alignment and crop. */
function layoutInBounds(t: SceneItemTransform, cropped: Point, rules: LibobsRules): ItemLayout & { alignSize: Point } {
  const { boundsWidth: bw, boundsHeight: bh } = t;
  const scale = { x: t.scaleX, y: t.scaleY };
  const scaledWidth = cropped.x * Math.abs(scale.x);
  const scaledHeight = cropped.y * Math.abs(scale.y);
  let type = t.boundsType;
  // "Max only" shrinks a source larger than the box as "scale inner" would, and leaves a smaller one at its scale.
  if (type === 'OBS_BOUNDS_MAX_ONLY' && (scaledWidth > bw || scaledHeight > bh)) type = 'OBS_BOUNDS_SCALE_INNER';
  let multiplier = 1;
  if (type === 'OBS_BOUNDS_SCALE_INNER' || type === 'OBS_BOUNDS_SCALE_OUTER') {
    // Inner fits the side that is relatively longer than the box's; outer fits the other one and overflows.
    let fitWidth = bw / bh < scaledWidth / scaledHeight;
    if (t.boundsType === 'OBS_BOUNDS_SCALE_OUTER') fitWidth = !fitWidth;
    multiplier = fitWidth ? bw / scaledWidth : bh / scaledHeight;
  } else if (type === 'OBS_BOUNDS_SCALE_TO_WIDTH') {
    multiplier = bw / scaledWidth;
  } else if (type === 'OBS_BOUNDS_SCALE_TO_HEIGHT') {
    multiplier = bh / scaledHeight;
  } else if (type === 'OBS_BOUNDS_STRETCH') {
    // Stretch fills the box on both axes and keeps only the sign (the flip) of the item's scale; before OBS 30 not even that.
    scale.x = (rules.flipStaysInBounds ? signOf(scale.x) : 1) * (bw / cropped.x);
    scale.y = (rules.flipStaysInBounds ? signOf(scale.y) : 1) * (bh / cropped.y);
  }
  scale.x *= multiplier;
  scale.y *= multiplier;

  const drawnWidth = cropped.x * scale.x;
  const drawnHeight = cropped.y * scale.y;
  const alignSize = { x: toInt(bw), y: toInt(bh) };
  if (!rules.flipStaysInBounds) {
    // Before OBS 30 the room left in the box is taken with the sign of the drawn size (a flip adds to it), and
    // nothing brings a flipped item back into its box.
    const origin = alignmentOffset(t.boundsAlignment, toInt(-(bw - drawnWidth)), toInt(-(bh - drawnHeight)));
    return { cut: { left: 0, top: 0, right: 0, bottom: 0 }, scale, origin, alignSize };
  }
  // Room left in the box (negative: the source overflows it); a flip does not change it.
  const spareWidth = bw - Math.abs(drawnWidth);
  const spareHeight = bh - Math.abs(drawnHeight);
  const origin = alignmentOffset(t.boundsAlignment, toInt(-spareWidth), toInt(-spareHeight));
  const cut: Edges = { left: 0, top: 0, right: 0, bottom: 0 };

  if (t.cropToBounds && CROP_TO_BOUNDS_TYPES.has(t.boundsType) && (spareWidth < -0.1 || spareHeight < -0.1)) {
    // The overflowing axis (width first) is cut back to the box, on the side(s) the box alignment leaves outside.
    const acrossWidth = spareWidth < -0.1;
    const spare = acrossWidth ? spareWidth : spareHeight;
    const flipped = (acrossWidth ? drawnWidth : drawnHeight) < 0;
    const axisAlign = t.boundsAlignment & (acrossWidth ? OBS_ALIGN_LEFT | OBS_ALIGN_RIGHT : OBS_ALIGN_TOP | OBS_ALIGN_BOTTOM);
    const overdraw = Math.abs(spare / (acrossWidth ? scale.x : scale.y)); // in source pixels
    const atStart = axisAlign & (OBS_ALIGN_LEFT | OBS_ALIGN_TOP);
    const atEnd = axisAlign & (OBS_ALIGN_RIGHT | OBS_ALIGN_BOTTOM);
    const overdrawBefore = atStart ? 0 : atEnd ? overdraw : overdraw / 2;
    const overdrawAfter = overdraw - overdrawBefore;
    let axisOrigin = acrossWidth ? origin.x : origin.y;
    let cutBefore: number;
    let cutAfter: number;
    if (flipped) {
      // A flipped axis shows its source backwards: the cut sides swap, and the origin moves to keep the box in place.
      if (axisAlign === OBS_ALIGN_CENTER) axisOrigin *= 2;
      else if (atStart) axisOrigin -= spare;
      cutBefore = Math.round(overdrawAfter);
      cutAfter = Math.round(overdrawBefore);
    } else {
      axisOrigin = 0;
      cutBefore = Math.round(overdrawBefore);
      cutAfter = Math.round(overdrawAfter);
    }
    if (acrossWidth) {
      cut.left = cutBefore;
      cut.right = cutAfter;
      origin.x = axisOrigin;
    } else {
      cut.top = cutBefore;
      cut.bottom = cutAfter;
      origin.y = axisOrigin;
    }
  }
  // A flipped item is drawn leftwards (upwards) from its origin: shift it back so it stays inside its box.
  if (drawnWidth < 0) origin.x += drawnWidth;
  if (drawnHeight < 0) origin.y += drawnHeight;
  // The item's own alignment then works on the (integer) box size, not on the drawn size.
  return { cut, scale, origin, alignSize };
}

/**
 * Place one scene item in its parent scene, as libobs update_item_transform does: cut the crop from the source,
 * scale it (or fit it in its bounds box), move the alignment point to the origin, rotate about it, move it to the
 * position. Null when the item draws nothing: an empty source, a crop that leaves nothing, a zero scale or box.
 */
export function placeSceneItem(t: SceneItemTransform, rules: LibobsRules = LIBOBS_30_RULES): SceneItemPlacement | null {
  const { sourceWidth: width, sourceHeight: height } = t;
  if (!(width > 0 && height > 0)) return null;
  const cropped = {
    x: sizeAfterCut(width, t.cropLeft + t.cropRight),
    y: sizeAfterCut(height, t.cropTop + t.cropBottom),
  };
  let layout: ItemLayout;
  let alignSize: Point;
  if (t.boundsType !== 'OBS_BOUNDS_NONE') {
    if (!(t.boundsWidth > 0 && t.boundsHeight > 0) || t.scaleX === 0 || t.scaleY === 0) return null;
    ({ alignSize, ...layout } = layoutInBounds(t, cropped, rules));
  } else {
    if (t.scaleX === 0 || t.scaleY === 0) return null;
    layout = { cut: { left: 0, top: 0, right: 0, bottom: 0 }, scale: { x: t.scaleX, y: t.scaleY }, origin: { x: 0, y: 0 } };
    // libobs casts the scaled size to an integer (toward zero; with a flip the size is negative, as x86 builds
    // compute the cast, so a flipped top-left item extends left of and above its position).
    alignSize = { x: toInt(float32Product(cropped.x, t.scaleX)), y: toInt(float32Product(cropped.y, t.scaleY)) };
  }
  const aligned = alignmentOffset(t.alignment, alignSize.x, alignSize.y);
  const origin = { x: layout.origin.x + aligned.x, y: layout.origin.y + aligned.y };

  const cut: Edges = {
    left: t.cropLeft + layout.cut.left,
    top: t.cropTop + layout.cut.top,
    right: t.cropRight + layout.cut.right,
    bottom: t.cropBottom + layout.cut.bottom,
  };
  // A crop that takes the whole source leaves an empty texture: OBS draws nothing.
  if (cut.left + cut.right >= width || cut.top + cut.bottom >= height) return null;
  const visible: Edges = { left: cut.left, top: cut.top, right: width - cut.right, bottom: height - cut.bottom };

  // parent = position + R(rotation) · (scale ⊙ (source − cut) − origin), R clockwise on a y-down screen.
  const radians = (t.rotation * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const sx = layout.scale.x;
  const sy = layout.scale.y;
  const localX = -sx * cut.left - origin.x; // where source pixel (0, 0) lands before the rotation
  const localY = -sy * cut.top - origin.y;
  const toParent: Affine = {
    a: cos * sx,
    b: sin * sx,
    c: -sin * sy,
    d: cos * sy,
    e: t.positionX + cos * localX - sin * localY,
    f: t.positionY + sin * localX + cos * localY,
  };
  return { visible, sourceWidth: width, sourceHeight: height, toParent };
}

/**
 * Place a camera through its enclosing items: `chain[0]` is the camera's own scene item (its transform in the scene
 * or group that holds it), then the group's item in the scene, and so on outwards. Null when any stage draws nothing.
 */
export function placeSceneItemChain(
  chain: readonly SceneItemTransform[], rules: LibobsRules = LIBOBS_30_RULES,
): SceneItemChainPlacement | null {
  if (chain.length === 0) return null;
  const stages: SceneItemPlacement[] = [];
  let toCanvas = IDENTITY;
  for (const transform of chain) {
    const stage = placeSceneItem(transform, rules);
    if (!stage) return null;
    stages.push(stage);
    toCanvas = composeAffine(stage.toParent, toCanvas);
  }
  return { stages, toCanvas, mirrored: toCanvas.a * toCanvas.d - toCanvas.b * toCanvas.c < 0 };
}

/** A camera item inside a group: its own transform, then the group item's transform in the scene. */
export function composeSceneItemTransforms(
  inner: SceneItemTransform,
  group: SceneItemTransform,
): SceneItemChainPlacement | null {
  return placeSceneItemChain([inner, group]);
}

function inside(edges: Edges, p: Point): boolean {
  return p.x >= edges.left && p.x <= edges.right && p.y >= edges.top && p.y <= edges.bottom;
}

/** Tolerance, in a group's pixels, for a point on the edge of a group's crop (float noise from the inner stage). */
const EDGE_EPSILON = 1e-6;

/**
 * Canvas pixels of a point normalised in the camera frame ([0, 1]², x right, y down, in the source's own unflipped
 * pixels), or null when a crop (the item's, or an enclosing group's) hides it.
 */
export function mapNormalisedPoint(placement: SceneItemChainPlacement, normalised: Point): Point | null {
  const [camera] = placement.stages;
  let point: Point = { x: normalised.x * camera.sourceWidth, y: normalised.y * camera.sourceHeight };
  for (const [index, stage] of placement.stages.entries()) {
    const edges = index === 0 ? stage.visible : {
      left: stage.visible.left - EDGE_EPSILON, top: stage.visible.top - EDGE_EPSILON,
      right: stage.visible.right + EDGE_EPSILON, bottom: stage.visible.bottom + EDGE_EPSILON,
    };
    if (!inside(edges, point)) return null;
    point = applyAffine(stage.toParent, point);
  }
  return point;
}

/** mapNormalisedPoint for a chain of transforms (camera item first, enclosing groups outwards); null if not drawn. */
export function mapThroughChain(
  chain: readonly SceneItemTransform[], normalised: Point, rules: LibobsRules = LIBOBS_30_RULES,
): Point | null {
  const placement = placeSceneItemChain(chain, rules);
  return placement ? mapNormalisedPoint(placement, normalised) : null;
}

/**
 * Whether the camera shows mirrored on the canvas, as a selfie view does: the composed map reverses orientation (a
 * negative scale on one axis, through any group and any rotation). A flip on both axes is a 180° turn, not a mirror;
 * a vertical flip alone is a mirror (a horizontal flip turned by 180°). Null when the item is not drawn.
 */
export function isMirroredOnCanvas(chain: readonly SceneItemTransform[], rules: LibobsRules = LIBOBS_30_RULES): boolean | null {
  return placeSceneItemChain(chain, rules)?.mirrored ?? null;
}
