import type { Driver } from 'neo4j-driver';
import { testConnection } from './neo4j';

const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

/** Every node and relationship with labels/type and properties, in a stable order: two equal dumps are equal graphs. */
export async function dumpGraph(driver: Driver): Promise<{ nodes: string[]; relationships: string[] }> {
  const { database } = testConnection();
  const nodes = await driver.executeQuery('MATCH (n) WHERE NOT n:Probe AND NOT n:GraphState RETURN labels(n) AS labels, properties(n) AS props', {}, { database });
  const rels = await driver.executeQuery('MATCH (a)-[r]->(b) WHERE NOT a:Probe RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props', {}, { database });
  return {
    nodes: nodes.records.map((r) => stable({ labels: [...r.get('labels')].sort(), ...r.get('props') })).sort(),
    relationships: rels.records.map((r) => stable({ type: r.get('type'), from: r.get('from'), to: r.get('to'), ...r.get('props') })).sort(),
  };
}
