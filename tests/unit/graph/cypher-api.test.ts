import { RELATIONS_COUNT, RELATIONS_PAGE } from '../../../src/graph/cypher/api';
import { RELATION_TYPES, type RelationType } from '../../../src/graph/ontology';

describe('relation queries', () => {
  it('name only the requested types, in allow-list order', () => {
    const query = RELATIONS_PAGE('none', ['SUPPLIED_WEAPONS_TO', 'SENT_TROOPS_TO']);
    const order = RELATION_TYPES.filter((t) => t === 'SUPPLIED_WEAPONS_TO' || t === 'SENT_TROOPS_TO').join('|');
    expect(query).toContain(`-[r:${order}]->`);
    expect(query).toContain('SKIP $skip LIMIT $limit');
  });

  it('never carry text that is not a type of the ontology', () => {
    const injected = ['SENT_TROOPS_TO]->() DETACH DELETE s //'] as unknown as RelationType[];
    expect(RELATIONS_COUNT('subject', injected)).not.toContain('DETACH DELETE');
    expect(RELATIONS_COUNT('subject', injected)).toContain(`-[r:${RELATION_TYPES.join('|')}]->`);
  });
});
