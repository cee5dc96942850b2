import { POSTGRES_SKIP, POSTGRES_URL, postgresBackend } from './backends.js';
import { registerStoreSuite } from './store-suite.js';

registerStoreSuite('PostgreSQL', () => postgresBackend(POSTGRES_URL!), POSTGRES_SKIP);
