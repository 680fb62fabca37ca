import type { HostHttpClient } from './host-http-client.js';

/** The time window a read covers, and where an interrupted read resumes. */
export interface ReadWindow {
  readonly since: Date;
  readonly until: Date;
  /** The `cursor` of the last page that was stored; absent on a fresh read. */
  readonly cursor?: string;
}

/** Raw host records and the cursor that resumes right after them. */
export interface RecordPage<T = Record<string, unknown>> {
  readonly records: T[];
  readonly cursor: string;
}

export interface ReaderContext<Credentials, Settings> {
  readonly http: HostHttpClient;
  readonly credentials: Credentials;
  readonly settings: Settings;
}

/**
 * A plug's reader: streams pages within a window, one at a time, never the whole data set;
 * where the records are stored is not its business.
 */
export type StreamReader<Credentials, Settings, T = Record<string, unknown>> = (
  context: ReaderContext<Credentials, Settings>,
  window: ReadWindow,
) => AsyncIterable<RecordPage<T>>;
