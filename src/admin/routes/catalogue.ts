import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forgetCatalogue } from '../../intake/catalogue-cache.js';
import { can, requireRole } from '../auth.js';
import { checkServiceEdit, findService, listCatalogue, parseWords, updateService } from '../catalogue.js';
import { AdminErrors } from '../errors.js';
import { cataloguePage, serviceEditPage } from '../pages/catalogue.js';

const codeOf = (request: FastifyRequest) => String((request.params as { code?: string }).code ?? '').slice(0, 100);

export default async function catalogueRoutes(app: FastifyInstance) {
  const html = 'text/html; charset=utf-8';

  app.get('/catalogue', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const { departments, services } = await listCatalogue(app.db);
    return reply.type(html).send(cataloguePage({ session: request.adminSession!, departments, services, notice: (request.query as { notice?: string }).notice }));
  });

  app.get('/catalogue/:code', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const service = await findService(app.db, codeOf(request));
    if (!service) throw new AdminErrors.serviceNotFound(codeOf(request));
    const { departments } = await listCatalogue(app.db);
    return reply.type(html).send(
      serviceEditPage({ session: request.adminSession!, service, departments, canEdit: can(request.adminSession, 'supervisor'), notice: (request.query as { notice?: string }).notice }),
    );
  });

  // The edit form posts here (no script needed); errors re-show the form with the message.
  app.post('/catalogue/:code', { preHandler: requireRole('supervisor') }, async (request, reply) => {
    const code = codeOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    try {
      const edit = checkServiceEdit({
        keywords: { en: parseWords(text(body.keywordsEn)), es: parseWords(text(body.keywordsEs)) },
        departmentCode: text(body.departmentCode),
        handling: text(body.handling),
        active: body.active === '1',
      });
      await updateService(app.db, code, edit, request.adminSession!.username);
      // This instance's calls use the edit at once; other instances within the cache's TTL.
      forgetCatalogue();
      return reply.redirect(`/admin/catalogue/${encodeURIComponent(code)}?notice=saved`, 303);
    } catch (error) {
      if (!(error instanceof AdminErrors.badRequest)) throw error;
      const service = await findService(app.db, code);
      if (!service) throw new AdminErrors.serviceNotFound(code);
      const { departments } = await listCatalogue(app.db);
      return reply.code(400).type(html).send(
        serviceEditPage({ session: request.adminSession!, service, departments, canEdit: true, error: error.message }),
      );
    }
  });

  app.get('/api/catalogue', { preHandler: requireRole('viewer') }, async () => listCatalogue(app.db));

  app.put('/api/catalogue/:code', { preHandler: requireRole('supervisor') }, async (request) => {
    const service = await updateService(app.db, codeOf(request), checkServiceEdit(request.body), request.adminSession!.username);
    forgetCatalogue();
    return { service };
  });
}
