import type { Server } from 'node:http';
/** `onSent` is told the bytes of every response body. */
/** Resolves once every gzipped copy the server started is made. */
export function compressed(): Promise<void>;
export function startServer(
  port?: number,
  dir?: string,
  options?: { onSent?: (bytes: number) => void },
): Promise<Server>;
