/**
 * The one error handler: AppError → its status and `{ error: { code, message, details } }`; zod
 * validation failures → 400 validation_error with the parameter paths; Fastify's own client errors
 * (bad JSON, body too large) → their 4xx with a Chinese message; anything else → a logged 500
 * internal_error carrying the request id and no internals.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors';

export function registerErrorHandler(app: FastifyInstance, opts: { spaFallback?: boolean } = {}): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.status).send({ error: { code: err.code, message: err.message, details: err.details, requestId: req.id } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        return { field: `${err.validationContext ?? 'request'}${path ? `.${path}` : ''}`, message: v.message ?? '格式不正确' };
      });
      return reply.code(400).send({
        error: { code: 'validation_error', message: `参数有误:${issues.map((i) => `${i.field} ${i.message}`).join(';')}`, details: { issues }, requestId: req.id },
      });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'payload_too_large' : 'bad_request';
      const message = code === 'payload_too_large' ? '请求内容过大' : `请求无效:${err.message}`;
      return reply.code(status).send({ error: { code, message, requestId: req.id } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'internal_error', message: '服务器内部错误,请联系管理员并提供请求编号', requestId: req.id } });
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    // SPA fallback for page routes only: API paths and missing assets stay 404
    if (opts.spaFallback && req.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/assets/') && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.sendFile('index.html');
    }
    return reply.code(404).send({ error: { code: 'not_found', message: `未找到 ${req.method} ${path}`, requestId: req.id } });
  });
}
