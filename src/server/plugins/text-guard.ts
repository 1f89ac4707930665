/**
 * Text at the edge (issue 17 point 1): every string of a request's body, query and path parameters —
 * object keys included — is checked before the route's schema runs; a lone UTF-16 surrogate or a NUL
 * character is refused with 400 validation_error naming the field (`body.username`,
 * `body.members[0].name`), because the databases would store other text than was sent (and the audit
 * chain would hash text the database does not keep). Multipart file names are checked by the upload
 * route with the same rule (domain/text.ts). Iterative, so a deeply nested body cannot exhaust the stack.
 */
import type { FastifyInstance } from 'fastify';
import { textProblem } from '../domain/text';
import { validationError, type FieldIssue } from '../errors';

/** Issues for every bad string under `root` (at most 20 listed). */
export function textIssues(root: unknown, base: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: [unknown, string][] = [[root, base]];
  while (stack.length && issues.length < 20) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const p = textProblem(v);
      if (p) issues.push({ field: path, message: p });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, x] of Object.entries(v)) {
        const p = textProblem(k);
        if (p) issues.push({ field: `${path}(键名)`, message: p });
        stack.push([x, `${path}.${k}`]);
      }
    }
  }
  return issues;
}

export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const issues = [...textIssues(req.body, 'body'), ...textIssues(req.query, 'query'), ...textIssues(req.params, 'params')];
    if (issues.length) throw validationError(issues);
  });
}
