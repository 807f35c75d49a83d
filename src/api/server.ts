import { createServer, type Server } from 'node:http';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../config';
import { createApp } from './app';

/** Serves the app over HTTP with /health (process up) and /ready (Neo4j reachable). */
export function createHttpServer(deps: { driver: Driver; database: string; config: Config['api'] }): Server {
  const yoga = createApp(deps);
  return createServer(async (req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (req.url === '/ready') {
      try {
        await deps.driver.verifyConnectivity({ database: deps.database });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}');
      } catch {
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"neo4j unreachable"}');
      }
      return;
    }
    return yoga(req, res);
  });
}
