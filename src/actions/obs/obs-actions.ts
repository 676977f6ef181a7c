// Stream actions as obs-websocket requests: a plan per action (what a dry run shows), run against a client, fired by gesture events.
import type { GestureEvent } from '../../core/gestures/gesture-event';
import { mappingsForEvent } from '../gesture-mappings';
import type { OverlayEffectMessage } from '../../core/overlay/effect-message';
import { effectMessageFor, obsEffectRequest } from '../overlay-channel';
import { isSceneLimited, sceneGateRefusal, type ProgramScene } from '../scene-gate';
import type { GestureMapping, StreamAction, Toggle } from '../stream-action';
import type { ObsRequestResult } from './obs-client';
import { readProgramScene } from './obs-scenes';

/** A value that comes from an earlier request's answer: toggles read the current state before setting its opposite. */
export interface FromAnswer {
  readonly fromAnswer: number;
  readonly field: string;
  readonly negate?: boolean;
}

export type PlannedValue = string | boolean | Readonly<Record<string, unknown>> | OverlayEffectMessage | FromAnswer;

export interface PlannedRequest {
  readonly requestType: string;
  readonly requestData: Readonly<Record<string, PlannedValue>>;
}

export interface ActionPlan {
  /** e.g. 'Show "Camera" in scene "Main"'. */
  readonly summary: string;
  /** Sent one after another; a failure stops the rest. */
  readonly requests: readonly PlannedRequest[];
}

/** What the executor needs from ObsClient (tests and dry runs pass something smaller). */
export interface ObsRequester {
  request(requestType: string, requestData?: Readonly<Record<string, unknown>>): Promise<ObsRequestResult>;
}

export interface SentRequest {
  readonly requestType: string;
  readonly requestData: Readonly<Record<string, unknown>>;
}

export interface ActionOutcome {
  readonly mappingId: string | null;
  readonly action: StreamAction;
  readonly summary: string;
  /** dry-run: nothing was sent; `plan` says what would have been. held: a scene-limited mapping outside its scenes, nothing sent. */
  readonly status: 'done' | 'failed' | 'dry-run' | 'held';
  readonly message: string;
  readonly plan: readonly PlannedRequest[];
  readonly sent: readonly SentRequest[];
}

function isFromAnswer(value: PlannedValue): value is FromAnswer {
  return typeof value === 'object' && value !== null && typeof (value as FromAnswer).fromAnswer === 'number'
    && typeof (value as FromAnswer).field === 'string' && Object.keys(value).every((key) => ['fromAnswer', 'field', 'negate'].includes(key));
}

const VERB: Record<Toggle, [string, string, string]> = {
  on: ['Show', 'Mute', 'Enable'],
  off: ['Hide', 'Unmute', 'Disable'],
  toggle: ['Toggle visibility of', 'Toggle mute of', 'Toggle'],
};

function setOrToggle(
  toggle: Toggle, read: PlannedRequest, set: (value: PlannedValue) => PlannedRequest, answerField: string, readIndex: number,
): PlannedRequest[] {
  if (toggle === 'toggle') return [read, set({ fromAnswer: readIndex, field: answerField, negate: true })];
  return [set(toggle === 'on')];
}

/** The requests an action becomes; the event supplies the overlay effect's position, gesture and time. */
export function planAction(action: StreamAction, event: GestureEvent): ActionPlan {
  switch (action.kind) {
    case 'switch-scene':
      return {
        summary: `Switch to scene "${action.sceneName}"`,
        requests: [{ requestType: 'SetCurrentProgramScene', requestData: { sceneName: action.sceneName } }],
      };
    case 'scene-item': {
      const { sceneName, sourceName } = action;
      const sceneItemId: FromAnswer = { fromAnswer: 0, field: 'sceneItemId' };
      return {
        summary: `${VERB[action.visible][0]} "${sourceName}" in scene "${sceneName}"`,
        requests: [
          { requestType: 'GetSceneItemId', requestData: { sceneName, sourceName } },
          ...setOrToggle(action.visible,
            { requestType: 'GetSceneItemEnabled', requestData: { sceneName, sceneItemId } },
            (sceneItemEnabled) => ({ requestType: 'SetSceneItemEnabled', requestData: { sceneName, sceneItemId, sceneItemEnabled } }),
            'sceneItemEnabled', 1),
        ],
      };
    }
    case 'input-mute': {
      const { inputName } = action;
      return {
        summary: `${VERB[action.muted][1]} "${inputName}"`,
        requests: action.muted === 'toggle'
          ? [{ requestType: 'ToggleInputMute', requestData: { inputName } }]
          : [{ requestType: 'SetInputMute', requestData: { inputName, inputMuted: action.muted === 'on' } }],
      };
    }
    case 'filter': {
      const { sourceName, filterName } = action;
      return {
        summary: `${VERB[action.enabled][2]} filter "${filterName}" on "${sourceName}"`,
        requests: setOrToggle(action.enabled,
          { requestType: 'GetSourceFilter', requestData: { sourceName, filterName } },
          (filterEnabled) => ({ requestType: 'SetSourceFilterEnabled', requestData: { sourceName, filterName, filterEnabled } }),
          'filterEnabled', 0),
      };
    }
    case 'hotkey':
      return {
        summary: `Press OBS hotkey "${action.hotkeyName}"`,
        requests: [{ requestType: 'TriggerHotkeyByName', requestData: { hotkeyName: action.hotkeyName } }],
      };
    case 'custom-event':
      return {
        summary: 'Send a custom event to every OBS WebSocket client',
        requests: [{ requestType: 'BroadcastCustomEvent', requestData: { eventData: action.eventData } }],
      };
    case 'overlay-effect':
      return {
        summary: `Overlay effect "${action.effect}" on the Browser Source`,
        requests: [obsEffectRequest(effectMessageFor(event, action))],
      };
  }
}

const RESOURCE_NOT_FOUND = 600;

function explainFailure(request: SentRequest, result: Extract<ObsRequestResult, { ok: false }>): string {
  if (request.requestType === 'CallVendorRequest' && result.code === RESOURCE_NOT_FOUND) {
    return `${result.message} This OBS has no obs-browser plugin loaded, so there is no Browser Source to show the overlay effect.`;
  }
  return result.message;
}

/** Send a plan's requests in order, filling in values from earlier answers. Never throws. */
export async function runPlan(plan: ActionPlan, obs: ObsRequester): Promise<{ ok: boolean; message: string; sent: SentRequest[] }> {
  const answers: Readonly<Record<string, unknown>>[] = [];
  const sent: SentRequest[] = [];
  for (const planned of plan.requests) {
    const requestData: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(planned.requestData)) {
      if (!isFromAnswer(value)) {
        requestData[key] = value;
        continue;
      }
      const answered = answers[value.fromAnswer]?.[value.field];
      if (answered === undefined) {
        return { ok: false, sent, message: `${plan.summary}: OBS's answer to ${plan.requests[value.fromAnswer].requestType} had no ${value.field}.` };
      }
      requestData[key] = value.negate ? !answered : answered;
    }
    const request = { requestType: planned.requestType, requestData };
    sent.push(request);
    const result = await obs.request(request.requestType, requestData);
    if (!result.ok) return { ok: false, sent, message: `${plan.summary} failed: ${explainFailure(request, result)}` };
    answers.push(result.responseData);
  }
  return { ok: true, sent, message: `${plan.summary}: done.` };
}

export interface RunOptions {
  /** Plan and describe, send nothing. */
  readonly dryRun?: boolean;
}

export async function runAction(
  action: StreamAction, event: GestureEvent, obs: ObsRequester, options: RunOptions = {}, mappingId: string | null = null,
): Promise<ActionOutcome> {
  const plan = planAction(action, event);
  const base = { mappingId, action, summary: plan.summary, plan: plan.requests };
  if (options.dryRun) {
    return { ...base, status: 'dry-run', sent: [], message: `Dry run: would ${plan.summary.charAt(0).toLowerCase()}${plan.summary.slice(1)} (${plan.requests.map((r) => r.requestType).join(' → ')}).` };
  }
  const result = await runPlan(plan, obs);
  return { ...base, status: result.ok ? 'done' : 'failed', sent: result.sent, message: result.message };
}

/**
 * OBS's program scene when one of these mappings is scene-limited (one GetCurrentProgramScene, asked as it is about
 * to fire, a dry run included: the read changes nothing), else null without asking: mappings for every scene pay no
 * round trip. Asked per event rather than followed through CurrentProgramSceneChanged, because this client
 * subscribes to no events (see ObsClientOptions.eventSubscriptions), and a read just before firing is never stale.
 */
export async function programSceneFor(mappings: readonly GestureMapping[], obs: ObsRequester): Promise<ProgramScene | null> {
  return mappings.some(isSceneLimited) ? readProgramScene(obs) : null;
}

/** Each mapping's action, concurrently, one outcome per mapping in mapping order; those the scene gate refuses are held, nothing sent. */
export function runMappings(
  event: GestureEvent, mappings: readonly GestureMapping[], obs: ObsRequester, programScene: ProgramScene | null, options: RunOptions = {},
): Promise<ActionOutcome[]> {
  return Promise.all(mappings.map(async (mapping): Promise<ActionOutcome> => {
    const refusal = sceneGateRefusal(mapping, programScene);
    if (refusal === null) return runAction(mapping.action, event, obs, options, mapping.id);
    const { summary } = planAction(mapping.action, event);
    return { mappingId: mapping.id, action: mapping.action, summary, status: 'held', message: `Not sent: ${summary} ${refusal}.`, plan: [], sent: [] };
  }));
}

/** Everything one gesture event fires: its mappings, after the scene gate, one outcome per mapping in mapping order. */
export async function handleGestureEvent(
  event: GestureEvent, mappings: readonly GestureMapping[], obs: ObsRequester, options: RunOptions = {},
): Promise<ActionOutcome[]> {
  const matched = mappingsForEvent(event, mappings);
  return runMappings(event, matched, obs, await programSceneFor(matched, obs), options);
}
