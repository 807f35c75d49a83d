import { createServer, type Server } from 'node:http';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../config';
import { createApp } from './app';

/** Serves the app over HTTP with /health (process up) and /ready (Neo4j reachable). */
export function createHttpServer(deps: { driver: Driver; database: string; config: Config['api'] }): Server {
  const yoga = createApp(deps);
  return createServer(async (req, res) => {
    if (Number(req.headers['content-length'] ?? 0) > deps.config.maxBodyBytes) {
      res.writeHead(413, { 'content-type': 'application/json' }).end(`{"errors":[{"message":"Request body over ${deps.config.maxBodyBytes} bytes","extensions":{"code":"PAYLOAD_TOO_LARGE"}}]}`);
      return;
    }
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
