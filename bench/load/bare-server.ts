/**
 * The intake baseline: a bare `node:http` server in a process of its own that
 * does what any JSON endpoint must — read the body, `JSON.parse` it, check
 * the bearer header is there, answer 201 with an id and a Location (a GET:
 * 200 with a small JSON object) — and nothing else: no framework, no
 * validation, no encryption, no storage.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from '../../test/support/api-process';

const SOURCE = `
const { createServer } = require('node:http');
const { randomUUID } = require('node:crypto');
createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    if (request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: randomUUID(), revision: 0 }));
      return;
    }
    let body;
    try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { body = null; }
    if (!request.headers.authorization || body === null || typeof body !== 'object') {
      response.writeHead(400, { 'content-type': 'application/problem+json' });
      response.end('{"status":400}');
      return;
    }
    const id = randomUUID();
    response.writeHead(201, { 'content-type': 'application/json', location: '/api/v1/newcomers/' + id });
    response.end(JSON.stringify({ id, revision: 0 }));
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\\n'));
`;

export class BareServer {
  private constructor(private readonly child: ChildProcess, readonly url: string) {}

  static async start(): Promise<BareServer> {
    const port = await freePort();
    const child = spawn(process.execPath, ['-e', SOURCE], { env: { PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
    await once(child.stdout!, 'data');
    return new BareServer(child, `http://127.0.0.1:${port}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}
