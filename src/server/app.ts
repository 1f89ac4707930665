/**
 * buildApp: the Fastify instance without listen (tests use inject). Registers the zod type provider,
 * OpenAPI at /api/docs, the error handler, the /api/v1 routes and, when built, the web UI from dist/web.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type pino from 'pino';
import type { Services } from './container';
import { registerErrorHandler } from './plugins/error-handler';
import { householdRoutes } from './routes/households/households.routes';
import { referenceRoutes } from './routes/reference/reference.routes';
import { regionRoutes } from './routes/regions/regions.routes';
import { placeRoutes } from './routes/places/places.routes';
import { summaryRoutes } from './routes/summary/summary.routes';
import { intakeRoutes } from './routes/intake/intake.routes';
import { caseRoutes } from './routes/cases/cases.routes';
import { DATA_DIR } from './services/reference-files';
import { registerAuth } from './plugins/auth';
import { registerRouteTable } from './plugins/route-table';
import { registerSecurityHeaders } from './plugins/security-headers';
import { registerTextGuard } from './plugins/text-guard';
import { authRoutes } from './routes/auth/auth.routes';
import { userRoutes } from './routes/users/users.routes';
import { personRoutes } from './routes/persons/persons.routes';
import { auditRoutes } from './routes/audit/audit.routes';
import { exportRoutes } from './routes/exports/exports.routes';
import { procedureRoutes } from './routes/procedures/procedures.routes';
import { indicatorRoutes } from './routes/indicators/indicators.routes';
import { evaluationRoutes } from './routes/evaluation/evaluation.routes';

/** The built web UI folder. */
export const WEB_DIST = join(DATA_DIR, '../dist/web');

export async function buildApp(services: Services, opts: { logger?: pino.Logger | false; web?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: opts.logger || undefined, bodyLimit: 5 * 1024 * 1024, genReqId: () => crypto.randomUUID(), trustProxy: services.ctx.config.trustProxy }) as unknown as FastifyInstance;
  registerRouteTable(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifySwagger, {
    openapi: { info: { title: '振兴 Zhenxing API', description: '国家乡村振兴重点帮扶县防止返贫监测平台 API。金额单位为分(整数),日期为 ISO 格式,区划代码为字符串。', version: '1' } },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  const web = opts.web !== false && existsSync(join(WEB_DIST, 'index.html'));
  registerErrorHandler(app, { spaFallback: web });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    return payload;
  });
  await registerSecurityHeaders(app);
  await registerAuth(app, services);
  registerTextGuard(app);
  regionRoutes(app, services);
  placeRoutes(app, services);
  summaryRoutes(app, services);
  householdRoutes(app, services);
  referenceRoutes(app, services);
  intakeRoutes(app, services);
  caseRoutes(app, services);
  authRoutes(app, services);
  userRoutes(app, services);
  personRoutes(app, services);
  auditRoutes(app, services);
  exportRoutes(app, services);
  procedureRoutes(app, services);
  indicatorRoutes(app, services);
  evaluationRoutes(app, services);
  // wildcard: files are looked up per request, so a rebuilt UI is served without a restart
  if (web) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true });
  return app;
}
