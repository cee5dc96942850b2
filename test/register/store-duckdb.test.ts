import { duckDbBackend } from './backends.js';
import { registerStoreSuite } from './store-suite.js';

registerStoreSuite('DuckDB', duckDbBackend);
