// The state of the camera and the recognizer: what is loading, what runs, and the message to show when something failed.
import type { StateCreator } from 'zustand';
import type { HandcastState } from './index';
import type { CameraDevice } from '../vision/camera';
import type { ReadyInfo } from '../recognizer/protocol';
import type { ModelSummary } from '../storage';

/** 'reconnecting': the camera went away mid-stream and the session is waiting for it to come back. */
export type CameraStatus = 'idle' | 'starting' | 'running' | 'reconnecting' | 'error';
export type RecognizerStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface Notice {
  /** Names the notice, so the code that raised it can replace or dismiss it without matching its words. */
  readonly id: string;
  readonly kind: 'error' | 'warning' | 'info';
  readonly text: string;
  /** About one camera run (it would not start, it stopped, frames failed): pressing Start again clears it.
   *  Other notices (storage refused, a damaged file) outlive Start: their cause is still there. */
  readonly aboutCameraRun?: true;
}

/** A notice as raised: the id may be left out for a one-off message. */
export type NoticeInput = Omit<Notice, 'id'> & { readonly id?: string };

export interface SessionSlice {
  cameras: CameraDevice[];
  /** The device the open camera reads (its track's id and label); null while no camera is open. */
  activeCamera: CameraDevice | null;
  cameraStatus: CameraStatus;
  recognizerStatus: RecognizerStatus;
  recognizer: ReadyInfo | null;
  notices: Notice[];
  /** The gesture model file the user loaded; null for the bundled model. */
  modelName: string | null;
  setModelName(name: string | null): void;
  /** The models kept in IndexedDB (summaries; the bundled model is not among them and cannot be deleted). */
  modelLibrary: ModelSummary[];
  setModelLibrary(models: ModelSummary[]): void;
  setCameras(cameras: CameraDevice[]): void;
  setActiveCamera(camera: CameraDevice | null): void;
  setCameraStatus(status: CameraStatus): void;
  setRecognizer(status: RecognizerStatus, info?: ReadyInfo | null): void;
  /** Shows a notice, replacing one with the same id; a one-off message without an id is named by its text. */
  notify(notice: NoticeInput): void;
  /** Removes the notice with this id. */
  dismissNotice(id: string): void;
  clearNotices(): void;
  /** Removes the notices about the last camera run, before a new one starts. */
  clearCameraRunNotices(): void;
}

export const createSessionSlice: StateCreator<HandcastState, [], [], SessionSlice> = (set, get) => ({
  cameras: [],
  activeCamera: null,
  cameraStatus: 'idle',
  recognizerStatus: 'idle',
  recognizer: null,
  notices: [],
  modelName: null,
  setModelName: (modelName) => set({ modelName }),
  modelLibrary: [],
  setModelLibrary: (modelLibrary) => set({ modelLibrary }),
  setCameras: (cameras) => set({ cameras }),
  setActiveCamera: (activeCamera) => set({ activeCamera }),
  setCameraStatus: (cameraStatus) => set({ cameraStatus }),
  setRecognizer: (recognizerStatus, info) => set({ recognizerStatus, recognizer: info === undefined ? get().recognizer : info }),
  notify: (input) => {
    const notice: Notice = { ...input, id: input.id ?? input.text };
    set({ notices: [...get().notices.filter((n) => n.id !== notice.id), notice] });
  },
  dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  clearNotices: () => set({ notices: [] }),
  clearCameraRunNotices: () => set({ notices: get().notices.filter((n) => !n.aboutCameraRun) }),
});
