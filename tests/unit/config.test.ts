import { execSync } from 'node:child_process';
import { UserFacingError, loadConfig } from '../../src/config';
import { checkJava, ensureInstalled } from '../../src/graph/local-neo4j';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig({}, '/srv/geokg');
    expect(config.external).toBeUndefined();
    expect(config.neo4j).toMatchObject({ boltPort: 7687, httpPort: 7474, home: '/srv/geokg/.neo4j' });
    expect(config.api.port).toBe(4000);
  });

  it('names the bad variable in one line', () => {
    expect(() => loadConfig({ GEOKG_NEO4J_BOLT_PORT: 'abc' }, '/')).toThrow(/^Invalid configuration: GEOKG_NEO4J_BOLT_PORT .*\(got "abc"\)\.$/);
    expect(() => loadConfig({ NEO4J_URI: 'http://x:7474', NEO4J_PASSWORD: 'longenough' }, '/')).toThrow(/NEO4J_URI must start with one of bolt:\/\//);
    expect(() => loadConfig({ NEO4J_URI: 'neo4j://x:7687' }, '/')).toThrow(/NEO4J_PASSWORD is required when NEO4J_URI is set/);
  });

  it('uses the user\'s own Neo4j when NEO4J_URI is set', () => {
    const config = loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_PASSWORD: 'secret-pass' }, '/');
    expect(config.external).toEqual({ uri: 'neo4j+s://abc.databases.neo4j.io', username: 'neo4j', password: 'secret-pass', database: 'neo4j' });
  });
});

describe('missing tools', () => {
  it('says what to do when java is missing', () => {
    const env = { PATH: '/nonexistent' };
    expect(() => checkJava(env)).toThrow(UserFacingError);
    expect(() => checkJava(env)).toThrow(/^java not found: .*Install it .* or set NEO4J_URI/);
  });

  it('says what to do when mvn is missing and Neo4j is not installed yet', () => {
    const javaDir = execSync('dirname "$(readlink -f "$(command -v java)")"', { encoding: 'utf8' }).trim();
    expect(() => ensureInstalled('/nonexistent-geokg-home', () => {}, { PATH: javaDir })).toThrow(/^mvn not found: Maven assembles the local Neo4j/);
  });
});
