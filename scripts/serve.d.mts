import type { Server } from 'node:http';
/** `onSent` is told the bytes of every response body. */
export function startServer(
  port?: number,
  dir?: string,
  options?: { onSent?: (bytes: number) => void },
): Promise<Server>;
