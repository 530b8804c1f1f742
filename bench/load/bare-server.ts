/**
 * The intake baselines, each a server in a process of its own that does what
 * any JSON endpoint must — read the body, `JSON.parse` it, check the bearer
 * header is there, answer 201 with an id and a Location (a GET: 200 with a
 * small JSON object) — and nothing else: no validation, no encryption, no
 * storage. `node`: bare `node:http`, the ceiling of HTTP + JSON with this
 * client on this machine. `nest`: the same in a NestJS application on the
 * Express adapter with its default body parser and nothing else (no
 * middleware, guards, pipes or logging), the ceiling of the framework the API
 * is built on.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { freePort } from '../../test/support/api-process';

const NODE_SOURCE = `
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

/** Plain JavaScript (decorators applied as functions), run from the repository so it loads the API's own @nestjs packages. */
const NEST_SOURCE = `
require('reflect-metadata');
const { randomUUID } = require('node:crypto');
const { NestFactory } = require('@nestjs/core');
const { Body, Controller, Get, Headers, HttpCode, HttpException, Module, Param, Post, Res } = require('@nestjs/common');
class Newcomers {
  register(authorization, body, response) {
    if (!authorization || body === null || typeof body !== 'object') throw new HttpException({ status: 400 }, 400);
    const id = randomUUID();
    response.location('/api/v1/newcomers/' + id);
    return { id, revision: 0 };
  }
  read(id) { return { id: randomUUID(), revision: 0 }; }
}
const method = (name) => [Newcomers.prototype, name, Object.getOwnPropertyDescriptor(Newcomers.prototype, name)];
Post()(...method('register')); HttpCode(201)(...method('register'));
Headers('authorization')(Newcomers.prototype, 'register', 0); Body()(Newcomers.prototype, 'register', 1); Res({ passthrough: true })(Newcomers.prototype, 'register', 2);
Get(['', ':id'])(...method('read')); Param('id')(Newcomers.prototype, 'read', 0);
Controller('api/v1/newcomers')(Newcomers);
class Baseline {}
Module({ controllers: [Newcomers] })(Baseline);
NestFactory.create(Baseline, { logger: false }).then((app) => app.listen(Number(process.env.PORT), '127.0.0.1')).then(() => process.stdout.write('listening\\n'));
`;

export type BareKind = 'node' | 'nest';

export class BareServer {
  private constructor(private readonly child: ChildProcess, readonly url: string) {}

  static async start(kind: BareKind): Promise<BareServer> {
    const port = await freePort();
    const child = spawn(process.execPath, ['-e', kind === 'node' ? NODE_SOURCE : NEST_SOURCE], {
      cwd: join(__dirname, '..', '..'), env: { PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    await once(child.stdout!, 'data');
    return new BareServer(child, `http://127.0.0.1:${port}`);
  }

  get pid(): number {
    return this.child.pid!;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}
