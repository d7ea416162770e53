import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * One line per request, written when the answer has gone. Fastify's own controller writes two
 * (one on arrival, one on completion), and at a busy hour those writes were a tenth of a
 * webhook's CPU. The path is logged without its query string, which may carry a key; the request
 * id ties the line to anything the handler logged. Every other line Fastify writes (the default
 * error handler's, route not found, serializer errors) stays as it is.
 */
export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const query = request.url.indexOf('?');
    const line = {
      method: request.method,
      path: query === -1 ? request.url : request.url.slice(0, query),
      statusCode: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request');
  }
}
