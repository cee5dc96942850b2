import { POSTGRES_SKIP, POSTGRES_URL, postgresBackend } from './backends.js';
import { registerCliSuite } from './cli-suite.js';

registerCliSuite('PostgreSQL', () => postgresBackend(POSTGRES_URL!), POSTGRES_SKIP);
