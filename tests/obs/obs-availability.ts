// Whether the real-OBS tests can run here: without obs or Xvfb they skip with a banner nobody misses, and fail under CI.
import { headlessObsAvailable } from '../../tools/obs/headless-obs';

const IN_CI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const OBS_MISSING = !headlessObsAvailable();
if (OBS_MISSING && !IN_CI) {
  console.warn([
    '',
    '################################################################################',
    '#  SKIPPING the real-OBS tests: `obs` or `Xvfb` is not installed.              #',
    '#  apt-get install --no-install-recommends obs-studio xvfb xauth \\             #',
    '#    libgl1-mesa-dri libglx-mesa0 libegl-mesa0 iproute2   (CI fails instead)  #',
    '################################################################################',
    '',
  ].join('\n'));
}

/** True when the real-OBS tests skip: no OBS here and not under CI (where a missing OBS fails instead). */
export const SKIP_REAL_OBS = OBS_MISSING && !IN_CI;

/** Call first in beforeAll: under CI a missing OBS is a failure, not a skip. */
export function requireRealObs(): void {
  if (OBS_MISSING) throw new Error('CI is set but `obs` or `Xvfb` is missing: .ci/run installs obs-studio xvfb xauth libgl1-mesa-dri libglx-mesa0 libegl-mesa0 iproute2.');
}
