// What Handcast reads about OBS's scenes, one request each: the program scene (for scene-limited mappings) and the scene list (for the panel).
import type { ProgramScene } from '../scene-gate';
import type { ObsRequester } from './obs-actions';
import type { ObsRequestResult } from './obs-client';

function problemOf(result: Extract<ObsRequestResult, { ok: false }>): string {
  return result.reason === 'not-connected' ? 'OBS is not connected' : result.message;
}

/** GetCurrentProgramScene. obs-websocket 5.5 answers sceneName and the older currentProgramSceneName, slated for removal: either will do. */
export async function readProgramScene(obs: ObsRequester): Promise<ProgramScene> {
  const result = await obs.request('GetCurrentProgramScene');
  if (!result.ok) return { problem: problemOf(result) };
  const { sceneName, currentProgramSceneName } = result.responseData;
  const name = typeof sceneName === 'string' ? sceneName : currentProgramSceneName;
  return typeof name === 'string' ? { sceneName: name } : { problem: 'OBS\'s answer to GetCurrentProgramScene named no scene' };
}

export type SceneList = { readonly scenes: readonly string[] } | { readonly problem: string };

/**
 * GetSceneList's scene names, top to bottom as OBS's Scenes dock lists them. OBS answers them bottom first, each
 * with its sceneIndex (0 at the bottom of the dock); entries that name no scene are left out.
 */
export async function readSceneNames(obs: ObsRequester): Promise<SceneList> {
  const result = await obs.request('GetSceneList');
  if (!result.ok) return { problem: problemOf(result) };
  const { scenes } = result.responseData;
  if (!Array.isArray(scenes)) return { problem: 'OBS\'s answer to GetSceneList had no scene list' };
  const named = scenes.flatMap((scene: unknown, position) => {
    const { sceneName, sceneIndex } = (typeof scene === 'object' && scene !== null ? scene : {}) as Record<string, unknown>;
    return typeof sceneName === 'string' ? [{ sceneName, order: typeof sceneIndex === 'number' ? sceneIndex : position }] : [];
  });
  return { scenes: named.sort((a, b) => b.order - a.order).map((scene) => scene.sceneName) };
}
