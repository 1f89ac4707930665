/**
 * The route table: every route registered after this plugin, as { method, url }, on `app.routeTable`.
 * The generated scope matrix test (src/server/routes/scope-matrix.test.ts) calls each of them, so a new
 * route is covered without anyone adding it to a list.
 */
import type { FastifyInstance } from 'fastify';

/** One registered route. */
export interface RouteEntry {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after registerRouteTable(). */
    routeTable: RouteEntry[];
  }
}

export function registerRouteTable(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') table.push({ method, url: r.url });
  });
}
