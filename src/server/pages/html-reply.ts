/** Sending a rendered page: HTML, never cached (figures may change when a dataset is imported again). */
import type { FastifyReply } from 'fastify';

export const html = (reply: FastifyReply, body: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
