import { duckDbBackend } from './backends.js';
import { registerCliSuite } from './cli-suite.js';

registerCliSuite('DuckDB', duckDbBackend);
