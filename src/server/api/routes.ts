/** The /api/v1 routes (filled in below the skeleton). */
import type { FastifyInstance } from 'fastify';
import type { ApiService } from './service.js';
import type { PermalinkStore } from './permalinks.js';

export async function registerApi(api: FastifyInstance, service: ApiService, _permalinks: PermalinkStore): Promise<void> {
  api.get('/datasets', async () => ({ datasets: await service.listDatasets() }));
}
