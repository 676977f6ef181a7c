// Where the app's own files are (public/, the pages, the service worker), from any page or worker, wherever the site is hosted.
/// <reference types="vite/client" />

/**
 * The folder below the app's root that every built script is written to (vite.config.ts `build.assetsDir`, for
 * page chunks and worker bundles alike).
 */
export const BUILT_SCRIPTS_FOLDER = 'assets';

/**
 * The root of the app: a path ("/" on the dev server, "/handcast/" from `vite build --base /handcast/`) or, from
 * the default build (base "./": one build for any host and sub-path), the folder above this script's own file.
 * `importMetaUrl` and `base` are parameters for the tests; node tools (no Vite) get "/".
 */
export function appRoot(importMetaUrl = import.meta.url, base: string = import.meta.env?.BASE_URL ?? '/'): string {
  if (base.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(base)) return base.endsWith('/') ? base : `${base}/`;
  const folder = new URL('./', importMetaUrl);
  if (!folder.pathname.endsWith(`/${BUILT_SCRIPTS_FOLDER}/`)) {
    throw new Error(`${importMetaUrl} is not in ${BUILT_SCRIPTS_FOLDER}/: with a relative base the app root cannot be found from it.`);
  }
  return new URL('../', folder).href;
}

/**
 * The URL of `path` ("models/hand_landmarker.task", relative to the app's root, no leading slash): a root path in
 * dev, an absolute URL in the default build. Absolute, never relative to the caller, because a worker's own URL
 * (assets/worker-….js) is not the page's, and fetch() in a worker resolves against the worker.
 */
export function appUrl(path: string): string {
  return `${appRoot()}${path}`;
}
