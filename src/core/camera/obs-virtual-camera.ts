// Whether a camera's label names OBS Studio's Virtual Camera, so the page can say which kind of camera it reads.

/**
 * Labels OBS's Virtual Camera goes by. "OBS Virtual Camera" on Windows and macOS, and on Linux the name OBS gives
 * the v4l2loopback device it loads; "OBS-Camera" is the older obs-virtual-cam plugin on Windows; "OBS Cam" is the
 * card_label most Linux set-up guides use; "Dummy video device" is v4l2loopback's own default name, which OBS's
 * output writes to when the module was loaded without a label. Browsers may append a USB id such as "(0000:0000)".
 */
const OBS_VIRTUAL_CAMERA_LABELS: readonly RegExp[] = [
  /^OBS[\s-]*(Virtual[\s-]*)?Cam(era)?\b/i,
  /^Dummy video device\b/i,
];

/** True when a camera label names OBS's Virtual Camera (or the v4l2loopback device it writes to on Linux). */
export function isObsVirtualCameraLabel(label: string): boolean {
  const trimmed = label.trim();
  return OBS_VIRTUAL_CAMERA_LABELS.some((pattern) => pattern.test(trimmed));
}
