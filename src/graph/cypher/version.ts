/**
 * The graph's version: one counter every committed write raises, so API processes know when their cached responses
 * are out of date, whichever process wrote. It lives in a bookkeeping node (`GraphState`), not in the graph proper.
 */

export const BUMP_GRAPH_VERSION = `
MERGE (g:GraphState {id: 'graph'})
SET g.version = coalesce(g.version, 0) + 1`;

export const GRAPH_VERSION = `
OPTIONAL MATCH (g:GraphState {id: 'graph'})
RETURN coalesce(g.version, 0) AS version`;
