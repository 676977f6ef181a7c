// Gestures per scene: whether a scene-limited mapping may fire with this program scene, and which of its scenes OBS no longer has.
import type { GestureMapping } from './stream-action';

/** OBS's program scene as read just before firing, or why it could not be read. */
export type ProgramScene = { readonly sceneName: string } | { readonly problem: string };

export type SceneLimitedMapping = GestureMapping & { readonly scenes: readonly string[] };

export function isSceneLimited(mapping: GestureMapping): mapping is SceneLimitedMapping {
  return mapping.scenes !== undefined && mapping.scenes.length > 0;
}

/** "Just chatting" or "Just chatting", "Game": scene names as the panel and the log quote them. */
export function quoteScenes(scenes: readonly string[]): string {
  return scenes.map((scene) => JSON.stringify(scene)).join(', ');
}

/**
 * Why the mapping must not fire now, or null when it may. A mapping without scenes fires in every scene (and
 * needs no program scene: null is passed when nothing asked OBS). A scene-limited one fires only when the program
 * scene is known and is one of its scenes: an unknown scene holds it back, as a confetti burst during the game
 * is the very thing the streamer limited it to avoid.
 */
export function sceneGateRefusal(mapping: GestureMapping, programScene: ProgramScene | null): string | null {
  if (!isSceneLimited(mapping)) return null;
  const only = `fires only in ${quoteScenes(mapping.scenes)}`;
  if (programScene === null) return `${only}, and OBS's program scene was not read`;
  if ('problem' in programScene) return `${only}, and OBS's program scene is unknown (${programScene.problem})`;
  return mapping.scenes.includes(programScene.sceneName) ? null : `${only}; ${JSON.stringify(programScene.sceneName)} is on program`;
}

/** The mapping's scenes that are not in OBS's scene list (renamed or removed since the mapping was made), in the mapping's order. */
export function missingScenes(mapping: GestureMapping, obsScenes: readonly string[]): string[] {
  if (!isSceneLimited(mapping)) return [];
  const present = new Set(obsScenes);
  return mapping.scenes.filter((scene) => !present.has(scene));
}

/** The panel's note for a mapping whose scenes OBS no longer has (all or some of them), or null when it has them all. */
export function describeMissingScenes(mapping: GestureMapping, obsScenes: readonly string[]): string | null {
  const missing = missingScenes(mapping, obsScenes);
  if (missing.length === 0) return null;
  const gone = missing.length === 1 ? `OBS has no scene ${quoteScenes(missing)} any more` : `OBS has none of the scenes ${quoteScenes(missing)} any more`;
  const left = (mapping.scenes ?? []).filter((scene) => !missing.includes(scene));
  return left.length === 0
    ? `${gone}: this mapping never fires. Rename the scene back in OBS, or remove the mapping and add it again.`
    : `${gone}: this mapping fires only in ${quoteScenes(left)}.`;
}
