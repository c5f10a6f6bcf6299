import type { Server } from 'node:http';
export function startServer(port?: number, dir?: string): Promise<Server>;
