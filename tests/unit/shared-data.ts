// Test helper: the shared landmark data (where it is, whether it is there, loading it), and one embedded real row for data-free tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Landmark } from '../../src/core/landmarks/types.ts';
import type { LoadedSource } from '../../src/core/train/builtin/dataset.ts';
import { loadSources, SHARED_DATA_SOURCES } from '../../src/core/train/builtin/sources.ts';
import { sharedDataMissing, sharedPath } from '../support/shared-data.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared data folder beside the repository (CI lays it there too). */
export const sharedDataDir = sharedPath('data');

/**
 * For describe.skipIf / it.skipIf around tests that read every shared source: null when they are all there, else
 * the reason, printed loudly (under CI=true it throws instead: CI has the data).
 */
export function sharedSourcesMissing(suite: string): string | null {
  return sharedDataMissing(suite, ...SHARED_DATA_SOURCES.map((spec) => path.join('data', spec.path)));
}

export function readShared(relative: string): string {
  return readFileSync(path.join(sharedDataDir, relative), 'utf8');
}

let cached: LoadedSource[] | undefined;

/** All shared sources, parsed once per test file. */
export function loadSharedSources(): LoadedSource[] {
  cached ??= loadSources(SHARED_DATA_SOURCES, readShared).sources;
  return cached;
}

/** The first row of kinivi's keypoint.csv (an open hand, Apache-2.0), for tests that must run without the data. */
export const KINIVI_OPEN_ROW =
  '0,0.0,0.0,0.20078740157480315,-0.051181102362204724,0.3661417322834646,-0.18110236220472442,0.484251968503937,'
  + '-0.30708661417322836,0.594488188976378,-0.38188976377952755,0.2637795275590551,-0.46062992125984253,0.3425196850393701,'
  + '-0.65748031496063,0.3937007874015748,-0.7834645669291339,0.42913385826771655,-0.9015748031496063,0.14960629921259844,'
  + '-0.5,0.1968503937007874,-0.7244094488188977,0.23228346456692914,-0.8740157480314961,0.2559055118110236,-1.0,'
  + '0.03543307086614173,-0.4881889763779528,0.031496062992125984,-0.7047244094488189,0.03543307086614173,'
  + '-0.8503937007874016,0.03937007874015748,-0.9763779527559056,-0.07480314960629922,-0.42913385826771655,'
  + '-0.14566929133858267,-0.5787401574803149,-0.18503937007874016,-0.6850393700787402,-0.2204724409448819,-0.7874015748031497';

/** KINIVI_OPEN_ROW as landmarks (pixel-proportional, aspect 1). */
export function kiniviOpenLandmarks(): Landmark[] {
  const values = KINIVI_OPEN_ROW.split(',').slice(1).map(Number);
  return Array.from({ length: 21 }, (_, i) => ({ x: values[2 * i], y: values[2 * i + 1], z: 0 }));
}
