/**
 * The one error handler: AppError → its status and `{ error: { code, message, details } }`; zod
 * validation failures → 400 validation_error with the parameter paths; Fastify's own client errors
 * (bad JSON, body too large) → their 4xx with a Chinese message; anything else → a logged 500
 * internal_error carrying the request id and no internals.
 */
import { fieldLabel } from '../../shared/field-labels';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors';

/**
 * Fastify's own client errors in Chinese, without their English text (issue 17: a 429 read
 * `请求无效:undefined`, parser messages leaked internals).
 */
function clientErrorMessage(err: FastifyError): string {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return '请求内容过大';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return '请求体为空,但声明了 JSON 内容类型';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return '请求体不是有效的 JSON';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return '不支持的内容类型(Content-Type)';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return '请求长度(Content-Length)与内容不符';
    default:
      if (err.statusCode === 429) return '请求过于频繁,请稍后再试';
      if (err instanceof SyntaxError) return '请求体不是有效的 JSON';
      return '请求无效,请检查后重试';
  }
}

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
        error: { code: 'validation_error', message: `参数有误:${issues.map((i) => `${fieldLabel(i.field)} ${i.message}`).join(';')}`, details: { issues }, requestId: req.id },
      });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'payload_too_large' : status === 429 ? 'too_many_requests' : 'bad_request';
      return reply.code(status).send({ error: { code, message: clientErrorMessage(err), requestId: req.id } });
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
