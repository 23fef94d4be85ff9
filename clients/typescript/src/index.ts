export type { SignInResult, SsoProvider } from './auth.js';
export { type AmplyClient, type AmplyClientOptions, createAmplyClient } from './client.js';
export {
  AmplyApiError,
  AmplyFlowError,
  type CallResult,
  type ErrorEnvelope,
  type FlowFailure,
  unwrap,
} from './errors.js';
export * from './generated/enum-values.js';
export type { components, operations, paths } from './generated/openapi.js';
export type { Platform } from './platforms.js';
export type { Fetcher, Session, TokenSet } from './session.js';
export type { SetupStatus, WatchSetupOptions } from './setup-events.js';
export { type KeyValueStorage, memoryStorage } from './storage.js';
export type { UploadSource } from './uploads.js';

import { routeSecurity } from './generated/route-security.js';
/** Whether the API this client was generated from has the route (`'GET /user/sessions'`). */
export function hasRoute(route: string): boolean {
  return Object.hasOwn(routeSecurity, route);
}

import type { components } from './generated/openapi.js';
/** Every named shape of the API, e.g. `Schemas['Guitar']`. */
export type Schemas = components['schemas'];
