/**
 * Security headers on every response (@fastify/helmet), with a Content-Security-Policy the built web
 * UI works under: scripts only from this origin (Vite emits module files, no inline script); styles
 * from this origin plus inline style elements and attributes, which antd's CSS-in-JS and ECharts
 * write at run time; images from this origin, data: and blob: (chart export); no frames, no plugins,
 * forms only to this origin. HSTS is sent only when the deployment serves HTTPS (ZX behind a TLS proxy).
 * Every /api answer carries `Cache-Control: no-store` (issue 17 point 6).
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** The CSP directives (exported for the test). */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  upgradeInsecureRequests: null,
};

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  // API answers hold personal data (names, masked ID numbers, incomes): never kept by a browser or proxy cache
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    return payload;
  });
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // HSTS over plain HTTP would be ignored by browsers and break local use; a TLS proxy adds it
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}
