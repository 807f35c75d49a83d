// The graph's version counter (src/graph/cypher/version.ts): one node, kept unique so concurrent writers share it.
CREATE CONSTRAINT graph_state_id IF NOT EXISTS FOR (g:GraphState) REQUIRE g.id IS UNIQUE;
