// Messages between the page and the training worker (structured-clone friendly: plain objects only).
import type { GestureSample } from '../core/dataset/types';
import type { UserTrainOptions, UserTrainProgress, UserTrainReport } from '../core/train/user/user-model';

export type ToTrainingWorker =
  | { readonly type: 'train'; readonly id: number; readonly samples: readonly GestureSample[]; readonly options: UserTrainOptions }
  /** Cooperative: honoured between epochs (the trainer yields to the message loop after each one). */
  | { readonly type: 'abort'; readonly id: number };

export type FromTrainingWorker =
  | { readonly type: 'progress'; readonly id: number; readonly progress: UserTrainProgress }
  /** modelText: the model file (serializeGestureModel), ready to parse and hot-swap. */
  | { readonly type: 'done'; readonly id: number; readonly modelText: string; readonly report: UserTrainReport }
  | { readonly type: 'failed'; readonly id: number; readonly message: string; readonly aborted: boolean };
