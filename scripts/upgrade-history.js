#!/usr/bin/env node
/**
 * Writes a DATA_DIR the way an installation of an older release would have:
 * an older build of sleutel is started on a fresh directory and given a
 * history through its HTTP API (people with edits, matches in every state, a
 * policy change, a cohort run, erasures, proposals that expire), then what
 * it answers is recorded in `reads.json.gz` beside the data. Today's build is
 * then started on a copy of that DATA_DIR to see that an upgrade reads it as
 * the older release did and goes on writing to it
 * (`test/upgrade.e2e-spec.ts` does so with the fixture under
 * `test/fixtures/upgrade-*`, written by this script).
 *
 *   git worktree add /tmp/sleutel-old <commit> && ln -s "$PWD/node_modules" /tmp/sleutel-old/
 *   (cd /tmp/sleutel-old && npm run build)      # npm ci there instead of the link if its package-lock.json differs
 *   node scripts/upgrade-history.js --old /tmp/sleutel-old --out test/fixtures/upgrade-<commit>
 *
 * Each phase starts the older API (`npm start`'s command line, without npm)
 * with settings of its own and stops it with SIGTERM, as an operator would:
 * on-demand matching, then cohort mode for a cohort run (both with deadlines
 * of 90 days, the longest either setting takes, so that the proposals left
 * open stay open for a while after), then deadlines of seconds for proposals
 * that expire, then erasures, a replay and one proposal left to expire under
 * the new release. The token secret and master key are the ones the older API
 * generated into DATA_DIR: test-only keys. `--env NAME=value` adds a setting
 * to every phase (REDIS_URL, say); `--full` also writes every answer whole
 * (`reads-full.json`: trails and the log too), to compare by hand.
 *
 * Plain JavaScript on Node's own modules, so that it runs against any build.
 */
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { createHmac } = require('node:crypto');
const { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { gzipSync } = require('node:zlib');
const { createServer } = require('node:net');
const { join, resolve } = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');

const ROLES = ['intake', 'coordinator', 'auditor', 'admin'];
const MUNICIPALITY = 'GM0344';
const SLOTS = [{ day: 'mon', start: '09:00', end: '12:00' }];

function parseArguments(argv) {
  const options = { env: {} };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    const value = argv[i + 1];
    if (name === '--full') {
      options.full = true;
      i -= 1;
      continue;
    }
    if (!['--old', '--out', '--env'].includes(name) || value === undefined) usage(`unknown or incomplete argument ${name}`);
    if (name === '--env') {
      if (!/^[A-Z_]+=/.test(value)) usage(`--env takes NAME=value, not ${value}`);
      options.env[value.split('=')[0]] = value.split('=').slice(1).join('=');
    } else {
      options[name.slice(2)] = resolve(value);
    }
  }
  if (!options.old || !options.out) usage('--old and --out are required');
  if (!existsSync(join(options.old, 'dist', 'apps', 'api', 'src', 'main.js'))) usage(`${options.old} holds no build (run npm run build there)`);
  if (existsSync(options.out) && readdirSync(options.out).length > 0) usage(`${options.out} is not empty`);
  return options;
}

function usage(message) {
  process.stderr.write(`upgrade-history: ${message}\nusage: node scripts/upgrade-history.js --old <built checkout of an older commit> --out <empty directory> [--env NAME=value]… [--full]\n`);
  process.exit(1);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const base64url = (value) => Buffer.from(value).toString('base64url');

/** An HS256 token with every role, signed with the secret the API generated into DATA_DIR. */
function token(dataDir, subject = 'upgrade-history') {
  const secret = readFileSync(join(dataDir, 'auth-jwt-secret'), 'utf8').trim();
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ sub: subject, roles: ROLES, iat: now, exp: now + 3600 }));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** Every API this script started: killed if the script exits with one still running. */
const living = new Set();
process.once('exit', () => {
  for (const child of living) child.kill('SIGKILL');
});

/** The older API as `npm start` runs it, on DATA_DIR, with the phase's settings. */
class Api {
  static async start(checkout, dataDir, env = {}) {
    const api = new Api(checkout, dataDir, await freePort(), env);
    await api.ready();
    return api;
  }

  constructor(checkout, dataDir, port, env) {
    this.checkout = checkout;
    this.dataDir = dataDir;
    this.port = port;
    this.lines = [];
    const script = JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8')).scripts.start;
    const words = script.trim().split(/\s+/).filter((word) => word !== 'exec' && word !== 'env');
    const scriptEnv = Object.fromEntries(words.filter((word) => /^[A-Z_]+=/.test(word)).map((word) => [word.split('=')[0], word.split('=').slice(1).join('=')]));
    const args = words.slice(words.indexOf('node') + 1);
    this.child = spawn(process.execPath, args, {
      cwd: checkout,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...scriptEnv, DATA_DIR: dataDir, PORT: String(port), RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_IP_PER_MINUTE: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      let rest = '';
      stream.on('data', (chunk) => {
        const text = rest + chunk.toString('utf8');
        const lines = text.split('\n');
        rest = lines.pop();
        this.lines.push(...lines);
      });
    }
    living.add(this.child);
    this.exited = new Promise((done) => this.child.once('close', (code, signal) => {
      living.delete(this.child);
      done({ code, signal });
    }));
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async ready(timeoutMs = 120_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const exited = await Promise.race([this.exited, sleep(200).then(() => null)]);
      if (exited) throw new Error(`the API exited (${JSON.stringify(exited)}) before it was ready:\n${this.lines.slice(-30).join('\n')}`);
      try {
        if ((await fetch(`${this.url}/health/ready`)).status === 200) return;
      } catch { /* not listening yet */ }
      if (Date.now() > until) throw new Error(`the API was not ready within ${timeoutMs} ms:\n${this.lines.slice(-30).join('\n')}`);
    }
  }

  async stop() {
    this.child.kill('SIGTERM');
    const { code } = await this.exited;
    if (code !== 0) throw new Error(`the API exited ${code} on SIGTERM:\n${this.lines.slice(-30).join('\n')}`);
  }

  async call(method, path, body, headers = {}) {
    const response = await fetch(`${this.url}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token(this.dataDir)}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json = null;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: response.status, etag: response.headers.get('etag'), body: json };
  }

  /** A call that must answer `expected` (a status or a list of them). */
  async must(expected, method, path, body, headers) {
    const answer = await this.call(method, path, body, headers);
    if (![].concat(expected).includes(answer.status)) {
      throw new Error(`${method} ${path} answered ${answer.status}, not ${expected}: ${JSON.stringify(answer.body)}`);
    }
    return answer;
  }

  async eventually(what, probe, timeoutMs = 30_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await sleep(200);
    }
  }

  async matchesOf(newcomerId) {
    return (await this.must(200, 'GET', `/matches?newcomerId=${newcomerId}&limit=100`)).body.items;
  }

  /** The newcomer's match in `status` (the newest first), once the matcher has made it so. */
  async matchOf(newcomerId, status = 'proposed') {
    return this.eventually(`a ${status} match of newcomer ${newcomerId}`, async () => (await this.matchesOf(newcomerId)).find((match) => match.status === status));
  }

  async settled() {
    // The in-process matcher works behind the answers: wait until the log stops growing.
    let last = -1;
    for (let quiet = 0; quiet < 4;) {
      const length = (await this.log()).length;
      quiet = length === last ? quiet + 1 : 0;
      last = length;
      await sleep(500);
    }
  }

  /** The whole log as GET /audit/events pages it. */
  async log() {
    const events = [];
    for (let after = '0'; after !== null;) {
      const page = (await this.must(200, 'GET', `/audit/events?after=${after}&limit=1000`)).body;
      events.push(...page.items);
      after = page.nextCursor;
    }
    return events;
  }
}

const person = {
  newcomer(name, language, overrides = {}) {
    return {
      displayName: name,
      contact: { email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org` },
      birthYear: 1988,
      gender: 'female',
      municipality: MUNICIPALITY,
      postcodeArea: '3511',
      languages: [{ code: language, level: 'native' }],
      origin: { country: 'SY' },
      needs: [{ topic: 'health', priority: 1 }, { topic: 'work', priority: 2 }],
      availability: { slots: SLOTS },
      preferences: { sameOrigin: 'no-preference', remoteOk: false },
      doNotMatch: [],
      notes: `Fixture person ${name}.`,
      ...overrides,
    };
  },
  keyPerson(name, language, overrides = {}) {
    return {
      displayName: name,
      contact: { phone: '+31612345678' },
      gender: 'male',
      municipality: MUNICIPALITY,
      postcodeArea: '3512',
      travelRadiusKm: 15,
      remoteOnly: false,
      languages: [{ code: language, level: 'native' }, { code: 'nld', level: 'fluent' }],
      origin: { country: 'ER' },
      expertise: ['health', 'work'],
      capacity: 1,
      maxHoursPerMonth: 20,
      availability: { slots: SLOTS },
      engagement: 'volunteer',
      ...overrides,
    };
  },
};

/**
 * Phase 1, on-demand matching with the default deadlines: one pair per
 * scenario, each pair alone in a language no one else speaks, so the matcher
 * proposes exactly that pair.
 */
async function onDemandPhase(api, story) {
  const pair = async (scenario, language, keyPersonOverrides = {}, newcomerOverrides = {}, newcomerHeaders = {}) => {
    const keyPerson = (await api.must(201, 'POST', '/key-persons', person.keyPerson(`Key ${scenario}`, language, keyPersonOverrides))).body;
    const newcomer = (await api.must(201, 'POST', '/newcomers', person.newcomer(`Newcomer ${scenario}`, language, newcomerOverrides), newcomerHeaders)).body;
    const match = await api.matchOf(newcomer.id);
    story.pairs[scenario] = { newcomerId: newcomer.id, keyPersonId: keyPerson.id, matchId: match.id };
    return { newcomer, keyPerson, match };
  };

  // A profile edited a few times, with If-Match, before and after its proposal.
  const edited = await pair('edited', 'ukr', { capacity: 2 }, {}, { 'Idempotency-Key': 'upgrade-history-edited' });
  story.idempotentRegistration = { key: 'upgrade-history-edited', body: person.newcomer('Newcomer edited', 'ukr'), newcomerId: edited.newcomer.id };
  let etag = (await api.must(200, 'GET', `/newcomers/${edited.newcomer.id}`)).etag;
  etag = (await api.must(200, 'PATCH', `/newcomers/${edited.newcomer.id}`, { notes: 'Edited once.', contact: { email: 'edited@example.org', phone: '+31611112222' } }, { 'If-Match': etag })).etag;
  etag = (await api.must(200, 'PATCH', `/newcomers/${edited.newcomer.id}`, { needs: [{ topic: 'housing', priority: 1 }] }, { 'If-Match': etag })).etag;
  let keyEtag = (await api.must(200, 'GET', `/key-persons/${edited.keyPerson.id}`)).etag;
  keyEtag = (await api.must(200, 'PATCH', `/key-persons/${edited.keyPerson.id}`, { maxHoursPerMonth: 30, expertise: ['health', 'housing'] }, { 'If-Match': keyEtag })).etag;
  await api.must(200, 'POST', `/matches/${edited.match.id}/approve`);

  const proposed = await pair('proposed', 'rus');
  void proposed;

  const approved = await pair('approved', 'tur');
  await api.must(200, 'POST', `/matches/${approved.match.id}/approve`);

  const halfAccepted = await pair('half-accepted', 'tir');
  await api.must(200, 'POST', `/matches/${halfAccepted.match.id}/approve`);
  await api.must(200, 'POST', `/matches/${halfAccepted.match.id}/accept`, { party: 'newcomer' });

  const accepted = await pair('accepted', 'amh', { capacity: 2 });
  await api.must(200, 'POST', `/matches/${accepted.match.id}/approve`);
  await api.must(200, 'POST', `/matches/${accepted.match.id}/accept`, { party: 'newcomer' });
  await api.must(200, 'POST', `/matches/${accepted.match.id}/accept`, { party: 'key-person' });

  const completed = await pair('completed', 'som', { capacity: 2 });
  await api.must(200, 'POST', `/matches/${completed.match.id}/accept`);
  await api.must(200, 'POST', `/matches/${completed.match.id}/end`, { outcome: 'completed', reason: 'Goals reached.' });

  const endedEarly = await pair('ended-early', 'por');
  await api.must(200, 'POST', `/matches/${endedEarly.match.id}/accept`);
  await api.must(200, 'POST', `/matches/${endedEarly.match.id}/end`, { outcome: 'ended-early', reason: 'Moved away.' });

  const rejected = await pair('rejected', 'pol');
  await api.must(200, 'POST', `/matches/${rejected.match.id}/reject`, { reason: 'Not a good fit.' });

  const declined = await pair('declined', 'ron');
  await api.must(200, 'POST', `/matches/${declined.match.id}/approve`);
  await api.must(200, 'POST', `/matches/${declined.match.id}/decline`, { party: 'key-person', reason: 'No time this month.' });

  // The policy changes between proposals: later ones name version 2.
  const policy = (await api.must(200, 'GET', '/policy')).body.policy;
  const changed = { ...policy, weights: { ...policy.weights, expertise: policy.weights.expertise + 5 }, reason: 'Expertise counts for more (upgrade fixture)' };
  story.policyVersion = (await api.must(200, 'PUT', '/policy', changed)).body.version;

  const newcomerWithdrawn = await pair('newcomer-withdrawn', 'hye');
  await api.must(200, 'POST', `/newcomers/${newcomerWithdrawn.newcomer.id}/withdraw`, { reason: 'Moved abroad.' });
  await api.matchOf(newcomerWithdrawn.newcomer.id, 'withdrawn');

  const retired = await pair('key-person-retired', 'kat');
  await api.must(200, 'POST', `/key-persons/${retired.keyPerson.id}/retire`, { reason: 'Stopped volunteering.' });
  await api.matchOf(retired.newcomer.id, 'withdrawn');

  // Paused under the older rules: the proposal stands (a pause withdraws it since 2026-11-30).
  const pausedProposed = await pair('paused-proposed', 'ell');
  await api.must(200, 'POST', `/key-persons/${pausedProposed.keyPerson.id}/pause`, { reason: 'On holiday.' });
  // Accepted after the pause, as the older rules allowed: the acceptance stays.
  const pausedAccepted = await pair('paused-accepted', 'hun');
  await api.must(200, 'POST', `/matches/${pausedAccepted.match.id}/approve`);
  await api.must(200, 'POST', `/key-persons/${pausedAccepted.keyPerson.id}/pause`, { reason: 'Short break.' });
  await api.call('POST', `/matches/${pausedAccepted.match.id}/accept`, { party: 'newcomer' });
  await api.call('POST', `/matches/${pausedAccepted.match.id}/accept`, { party: 'key-person' });

  // A profile change that breaks the pair: the matcher withdraws the proposal.
  const broken = await pair('pair-broken', 'fin');
  const brokenEtag = (await api.must(200, 'GET', `/newcomers/${broken.newcomer.id}`)).etag;
  await api.must(200, 'PATCH', `/newcomers/${broken.newcomer.id}`, { doNotMatch: [broken.keyPerson.id] }, { 'If-Match': brokenEtag });
  await api.matchOf(broken.newcomer.id, 'withdrawn');

  // A match ended, then asked for again: the same key person (two places) is proposed again.
  const again = await pair('asked-again', 'vie', { capacity: 2 });
  await api.must(200, 'POST', `/matches/${again.match.id}/accept`);
  await api.must(200, 'POST', `/matches/${again.match.id}/end`, { outcome: 'completed', reason: 'Done.' });
  // The match's end releases the newcomer behind the answer: ask until the request is taken.
  await api.eventually('the match request to be taken', async () => (await api.call('POST', `/newcomers/${again.newcomer.id}/match-requests`)).status === 202);
  story.pairs['asked-again'].againMatchId = (await api.matchOf(again.newcomer.id, 'proposed')).id;

  // Erased later, with an accepted match and with a proposal.
  const erasedNewcomer = await pair('newcomer-erased', 'tha');
  await api.must(200, 'POST', `/matches/${erasedNewcomer.match.id}/accept`);
  await pair('key-person-erased', 'hin');

  // A newcomer no key person fits: deferred, waiting.
  const waiting = (await api.must(201, 'POST', '/newcomers', person.newcomer('Newcomer waiting', 'ben'))).body;
  story.waitingNewcomerId = waiting.id;
  await api.settled();
}

/** Phase 2, cohort mode: newcomers wait, and a run pairs them. */
async function cohortPhase(api, story) {
  const keyPersons = [];
  for (const [name, capacity] of [['Cohort key A', 2], ['Cohort key B', 1]]) {
    keyPersons.push((await api.must(201, 'POST', '/key-persons', person.keyPerson(name, 'swa', { capacity }))).body.id);
  }
  const newcomers = [];
  for (const name of ['Cohort newcomer 1', 'Cohort newcomer 2', 'Cohort newcomer 3', 'Cohort newcomer 4']) {
    newcomers.push((await api.must(201, 'POST', '/newcomers', person.newcomer(name, 'swa', { birthYear: 1970 + newcomers.length * 9 }))).body.id);
  }
  newcomers.push((await api.must(201, 'POST', '/newcomers', person.newcomer('Cohort newcomer alone', 'tam'))).body.id);
  await api.settled();
  const run = (await api.must(202, 'POST', '/cohort-runs', { waitingBonusPerDay: 0.01, loadCost: 0.05 }, { 'Idempotency-Key': 'upgrade-history-run' })).body;
  await api.eventually('the cohort run to complete', async () => {
    const status = (await api.must(200, 'GET', `/cohort-runs/${run.id}`)).body.status;
    if (status === 'failed') throw new Error('the cohort run failed');
    return status === 'done';
  }, 60_000);
  await api.settled();
  const proposals = (await api.must(200, 'GET', `/matches?cohortRunId=${run.id}&limit=100`)).body.items;
  if (proposals.length < 2) throw new Error(`the cohort run proposed ${proposals.length} pairs`);
  await api.must(200, 'POST', `/matches/${proposals[0].id}/approve`);
  story.cohortRun = { id: run.id, keyPersonIds: keyPersons, newcomerIds: newcomers, matchIds: proposals.map((match) => match.id) };
}

/** Phase 3, deadlines of seconds: a proposal and an approval expire under the older release. */
async function expiryPhase(api, story) {
  for (const [scenario, language, approve] of [['expired-proposed', 'urd', false], ['expired-approved', 'nep', true]]) {
    const keyPerson = (await api.must(201, 'POST', '/key-persons', person.keyPerson(`Key ${scenario}`, language))).body;
    const newcomer = (await api.must(201, 'POST', '/newcomers', person.newcomer(`Newcomer ${scenario}`, language))).body;
    const match = await api.matchOf(newcomer.id);
    if (approve) await api.must(200, 'POST', `/matches/${match.id}/approve`);
    story.pairs[scenario] = { newcomerId: newcomer.id, keyPersonId: keyPerson.id, matchId: match.id };
  }
  for (const scenario of ['expired-proposed', 'expired-approved']) {
    await api.matchOf(story.pairs[scenario].newcomerId, 'expired');
  }
  await api.settled();
}

/** Phase 4: erasures, a replay, one proposal left to expire after the upgrade, and the reads. */
async function closingPhase(api, story) {
  await api.must(200, 'POST', '/erasures', { subjectType: 'newcomer', subjectId: story.pairs['newcomer-erased'].newcomerId, basis: 'data-subject-request' });
  await api.must(200, 'POST', '/erasures', { subjectType: 'key-person', subjectId: story.pairs['key-person-erased'].keyPersonId, basis: 'retention-ended' });
  await api.must(200, 'POST', '/erasures', { subjectType: 'newcomer', subjectId: story.cohortRun.newcomerIds[0] });
  await api.matchOf(story.pairs['newcomer-erased'].newcomerId, 'withdrawn').catch(() => undefined);
  const keyPerson = (await api.must(201, 'POST', '/key-persons', person.keyPerson('Key expires-later', 'tam'))).body;
  await api.settled();
  if (!(await api.matchesOf(story.cohortRun.newcomerIds[4])).some((match) => match.status === 'proposed')) {
    await api.must(202, 'POST', `/newcomers/${story.cohortRun.newcomerIds[4]}/match-requests`);
  }
  const expiresLater = await api.matchOf(story.cohortRun.newcomerIds[4], 'proposed');
  story.pairs['expires-later'] = { newcomerId: story.cohortRun.newcomerIds[4], keyPersonId: keyPerson.id, matchId: expiresLater.id };
  const replay = (await api.must(202, 'POST', '/audit/replays')).body;
  story.replay = await api.eventually('the replay', async () => {
    const status = (await api.must(200, 'GET', `/audit/replays/${replay.id}`)).body;
    return status.status === 'running' ? null : status;
  }, 60_000);
  await api.settled();
  return reads(api);
}

/** Everything a reader can ask of the history: compared before and after the upgrade. */
async function reads(api, { asOf } = {}) {
  const all = async (path) => {
    const items = [];
    for (let cursor = null; ;) {
      const page = (await api.must(200, 'GET', `${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body;
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return items;
    }
  };
  const get = async (path) => {
    const answer = await api.call('GET', path);
    return { status: answer.status, etag: answer.etag, body: answer.body };
  };
  const out = { lists: {}, newcomers: {}, keyPersons: {}, matches: {}, explanations: {}, trails: {}, cohortRuns: {} };
  out.lists.newcomers = await all('/newcomers');
  out.lists.keyPersons = await all('/key-persons');
  out.lists.matches = await all('/matches');
  out.lists.cohortRuns = await all('/cohort-runs');
  out.policy = await get('/policy');
  out.verify = await get('/audit/verify');
  const ids = (items) => items.map((item) => item.id);
  const log = await api.log();
  out.log = log;
  const streams = (prefix) => [...new Set(log.map((event) => event.streamId).filter((stream) => stream.startsWith(prefix)).map((stream) => stream.slice(prefix.length)))];
  // A moment in the middle of the history: each person's and match's state as of then.
  out.asOfPosition = asOf ?? log[Math.floor(log.length / 2)].position;
  out.asOf = {};
  const newcomerIds = [...new Set([...ids(out.lists.newcomers), ...streams('newcomer-')])];
  const keyPersonIds = [...new Set([...ids(out.lists.keyPersons), ...streams('key-person-')])];
  const matchIds = [...new Set([...ids(out.lists.matches), ...streams('match-')])];
  for (const id of newcomerIds) {
    out.newcomers[id] = await get(`/newcomers/${id}`);
    out.trails[`newcomers/${id}`] = await get(`/audit/trails/newcomers/${id}`);
    out.asOf[`newcomers/${id}`] = await get(`/audit/newcomers/${id}?asOf=${out.asOfPosition}`);
  }
  for (const id of keyPersonIds) {
    out.keyPersons[id] = await get(`/key-persons/${id}`);
    out.trails[`key-persons/${id}`] = await get(`/audit/trails/key-persons/${id}`);
    out.asOf[`key-persons/${id}`] = await get(`/audit/key-persons/${id}?asOf=${out.asOfPosition}`);
  }
  for (const id of matchIds) {
    out.matches[id] = await get(`/matches/${id}`);
    out.trails[`matches/${id}`] = await get(`/audit/trails/matches/${id}`);
    out.explanations[id] = await get(`/audit/matches/${id}/explanation`);
    out.asOf[`matches/${id}`] = await get(`/audit/matches/${id}?asOf=${out.asOfPosition}`);
  }
  for (const run of out.lists.cohortRuns) out.cohortRuns[run.id] = await get(`/cohort-runs/${run.id}`);
  return out;
}

/** `npm run cli -- <args>` of a checkout (as its package.json runs it) on DATA_DIR: its exit code and output. */
function cli(checkout, dataDir, args) {
  const script = JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8')).scripts.cli;
  const words = script.trim().split(/\s+/).filter((word) => word !== 'exec' && word !== 'env');
  const env = Object.fromEntries(words.filter((word) => /^[A-Z_]+=/.test(word)).map((word) => [word.split('=')[0], word.split('=').slice(1).join('=')]));
  const runner = words.find((word) => word === 'node' || word === 'ts-node');
  const binary = runner === 'ts-node' ? join(checkout, 'node_modules', '.bin', 'ts-node') : process.execPath;
  try {
    const stdout = execFileSync(binary, [...words.slice(words.indexOf(runner) + 1), ...args], {
      cwd: checkout, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, DATA_DIR: dataDir }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, stdout: stdout.trim() };
  } catch (error) {
    return { code: error.status, stdout: `${error.stdout ?? ''}`.trim(), stderr: `${error.stderr ?? ''}`.trim() };
  }
}

/** What the fixture keeps of the reads: whole answers, but trails as their event ids and lists as ids. */
function kept(all) {
  const ids = (items) => items.map((item) => item.id);
  const trails = Object.fromEntries(Object.entries(all.trails).map(([key, answer]) => [key, { status: answer.status, eventIds: answer.body?.events?.map((event) => event.id) ?? null }]));
  const { log: _log, lists, trails: _trails, ...rest } = all;
  return {
    ...rest,
    lists: Object.fromEntries(Object.entries(lists).map(([key, items]) => [key, ids(items)])),
    trails,
    logEventIds: all.log.map((event) => event.id),
  };
}

/** The data files the fixture keeps: the SQLite files gzipped (a third of their size), the two secrets as written. */
function pack(dataDir, out) {
  const target = join(out, 'data');
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(dataDir)) {
    if (/-(wal|shm)$/.test(name) || name === 'process.lock') continue;
    const bytes = readFileSync(join(dataDir, name));
    if (name.endsWith('.sqlite')) writeFileSync(join(target, `${name}.gz`), gzipSync(bytes, { level: 9 }));
    else writeFileSync(join(target, name), bytes);
  }
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const dataDir = mkdtempSync(join(tmpdir(), 'sleutel-upgrade-history-'));
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: options.old, encoding: 'utf8' }).trim();
  const story = { commit, writtenAt: new Date().toISOString(), env: options.env, pairs: {} };
  const phase = async (name, env, run) => {
    const started = Date.now();
    const api = await Api.start(options.old, dataDir, { ...options.env, ...env });
    try {
      await run(api);
    } finally {
      await api.stop();
    }
    process.stderr.write(`upgrade-history: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  };
  // Deadlines of 90 days (the most either setting takes), so the proposals left open stay open for a while after.
  const long = { PROPOSAL_DEADLINE_SECONDS: String(90 * 86_400), ANSWER_DEADLINE_SECONDS: String(90 * 86_400) };
  await phase('on-demand', long, (api) => onDemandPhase(api, story));
  await phase('cohort', { ...long, MATCHING_MODE: 'cohort' }, (api) => cohortPhase(api, story));
  await phase('expiry', { PROPOSAL_DEADLINE_SECONDS: '3', ANSWER_DEADLINE_SECONDS: '3', EXPIRY_SWEEP_INTERVAL_MS: '1000' }, (api) => expiryPhase(api, story));
  let before;
  await phase('closing', { PROPOSAL_DEADLINE_SECONDS: '90' }, async (api) => {
    before = await closingPhase(api, story);
  });
  const verified = cli(options.old, dataDir, ['audit', 'verify']);
  if (verified.code !== 0) throw new Error(`audit verify of the older build exited ${verified.code}: ${verified.stdout} ${verified.stderr}`);
  story.verify = JSON.parse(verified.stdout);
  mkdirSync(options.out, { recursive: true });
  pack(dataDir, options.out);
  writeFileSync(join(options.out, 'story.json'), `${JSON.stringify(story, null, 2)}\n`);
  writeFileSync(join(options.out, 'reads.json.gz'), gzipSync(`${JSON.stringify(kept(before), null, 1)}\n`, { level: 9 }));
  if (options.full) writeFileSync(join(options.out, 'reads-full.json'), `${JSON.stringify(before, null, 1)}\n`);
  rmSync(dataDir, { recursive: true, force: true });
  process.stderr.write(`upgrade-history: ${options.out} written by ${commit}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`upgrade-history: ${error.stack ?? error}\n`);
    process.exit(1);
  });
}

module.exports = { Api, reads, kept, token, cli, person, freePort };
