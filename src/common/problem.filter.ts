import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { TooManyRequestsError } from './errors.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem.js';

/** The one exit for errors: everything becomes `application/problem+json`. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}

/** Logs through the request's own logger, so the line carries the traceId. */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const logger = request.log;
  const user = (request as FastifyRequest & { user?: Principal }).user;
  const problem = toProblem(error, {
    path: request.url.split('?')[0],
    traceId: String(request.id),
    subject: user?.subject,
  });
  if (problem.internal) {
    logger.error({ err: problem.internal }, 'Request failed with an unexpected error');
  } else if (problem.status >= 500) {
    logger.warn({ status: problem.status }, String(problem.body.detail));
  }
  if (error instanceof TooManyRequestsError) reply.header('retry-after', String(Math.max(1, error.retryAfterSeconds)));
  else if (problem.status === 503) reply.header('retry-after', '5');
  if (problem.status === 401) {
    reply.header('www-authenticate', 'Bearer realm="connector-hub"');
  }
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem.body);
}
