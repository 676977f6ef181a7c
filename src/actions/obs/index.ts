// The OBS side of Handcast for the page and tools: the client, the action executor, and the protocol constants.
export * from './obs-client';
export * from './obs-actions';
export * from './obs-scenes';
export { ObsEventSubscription, obsAuthentication } from './protocol';
export { checkMappings, mappingsForEvent } from '../gesture-mappings';
