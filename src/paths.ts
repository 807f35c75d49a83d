import path from 'node:path';

/** Whether this process runs the compiled JavaScript under build/ (`npm run build`) rather than the TypeScript source. */
export const COMPILED = !__filename.endsWith('.ts');

/** The project's root, where its data files live (schema, Cypher, lexicons, the local Neo4j), however the code runs. */
export const PROJECT_ROOT = path.resolve(__dirname, COMPILED ? '../..' : '..');
