import type { Client, ClientOptions, FetchResponse } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };
/** The API's named schemas: `Schemas['ConnectionDto']`. */
export type Schemas = components['schemas'];
export type Problem = components['schemas']['ProblemDto'];

export type ConnectorHubClient = Client<paths>;

export interface ConnectorHubClientOptions extends ClientOptions {
  /** A bearer token, or a function returning the current one (called per request). */
  token?: string | (() => string | undefined | null | Promise<string | undefined | null>);
}

export declare function createClient(options?: ConnectorHubClientOptions): ConnectorHubClient;

/** An error answer of the API, with its problem document. */
export declare class ProblemError extends Error {
  readonly status: number;
  readonly problem: Partial<Problem> & { detail: string };
  readonly traceId: string | undefined;
  readonly response: Response;
}

/** The data of a successful answer; a ProblemError for an error answer. */
export declare function ok<T extends Record<string | number, any>, O, M extends `${string}/${string}`>(
  pending: Promise<FetchResponse<T, O, M>>,
): Promise<NonNullable<FetchResponse<T, O, M>['data']>>;

/** `If-Match` for a resource version (`"3"`). */
export declare function ifMatch(version: number): string;
