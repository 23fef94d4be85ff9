import type { Context } from 'hono';
import type { Logger } from '../logger.js';
import type { Principal } from '../security/tokens.js';
import { requestHeader } from './headers.js';

/** Per-request values every middleware and handler can read. */
export interface AppVariables {
  requestId: string;
  clientIp: string;
  logger: Logger;
  principal: Principal;
}

export interface AppEnv {
  Variables: AppVariables;
}

export type AppContext = Context<AppEnv>;

/** How the runtime tells the socket's address (Node) or the API Gateway source IP (Lambda). */
export type RemoteAddress = (c: Context) => string | undefined;

/** Where the request came from, as services record it. */
export function requestMeta(c: Context<AppEnv>): { ip: string; userAgent: string | undefined } {
  return { ip: c.get('clientIp'), userAgent: requestHeader(c, 'user-agent') };
}
