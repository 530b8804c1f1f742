import { keyPersonBody, newcomerBody } from '../support/bodies';
import { ConsoleHarness, describeViolations, screenshot, seriousA11yViolations, startConsole } from '../support/browser';
import { expectText, withoutRefusals } from '../support/console-page';
import { eventually } from '../support/eventually';

/**
 * The auditor's console in a real browser against the real API with the
 * in-process matcher: a newcomer's trail looked up through the form, the
 * proposal's explanation with its reproduction, the state as of an event,
 * the hash-chain check and a replay — each compared with what the API
 * itself answers — in English and Dutch, and closed to other roles.
 */
jest.setTimeout(90_000);

type Match = { id: string; keyPersonId: string; status: string; score: number };

describe('web console: audit', () => {
  let harness: ConsoleHarness;
  let newcomerId: string;
  let match: Match;

  const auditorGet = (path: string) => harness.api.http.get(path).set('Authorization', `Bearer ${harness.api.token('auditor')}`);

  beforeAll(async () => {
    harness = await startConsole({ matcher: true });
    const { http, token } = harness.api;
    const coordinator = `Bearer ${token('coordinator', { sub: 'coordinator-utrecht' })}`;
    const tigrinya = { languages: [{ code: 'tir', level: 'native' }], origin: { country: 'ER' }, gender: 'female' };
    await http.post('/api/v1/key-persons').set('Authorization', coordinator).send(keyPersonBody({ ...tigrinya, expertise: ['health', 'housing'] })).expect(201);
    await http.post('/api/v1/key-persons').set('Authorization', coordinator).send(keyPersonBody({ ...tigrinya, expertise: ['work'] })).expect(201);
    await http.post('/api/v1/key-persons').set('Authorization', coordinator).send(keyPersonBody({ languages: [{ code: 'prs', level: 'native' }], origin: { country: 'AF' } })).expect(201);
    const registered = await http
      .post('/api/v1/newcomers')
      .set('Authorization', `Bearer ${token('intake', { sub: 'intake-utrecht-4' })}`)
      .send(
        newcomerBody({
          languages: [{ code: 'tir', level: 'native' }],
          origin: { country: 'ER' },
          availability: { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] },
          preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
        }),
      )
      .expect(201);
    newcomerId = registered.body.id;
    match = await eventually(
      async () => {
        const { body } = await http.get(`/api/v1/matches?newcomerId=${newcomerId}`).set('Authorization', coordinator).expect(200);
        return (body.items as Match[]).find((m) => m.status === 'proposed');
      },
      { what: 'a proposal for the newcomer' },
    );
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  it("looks up a newcomer's trail through the form: registration, then the proposal, in log order with who did it", async () => {
    const { page, errors } = await harness.signedIn('auditor', { language: 'en' });
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Trails' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit trails' }).waitFor();
    // An id that is no id is refused beside the field, before any request.
    await page.getByLabel('Id', { exact: true }).fill('not-an-id');
    await page.getByRole('button', { name: 'Show trail' }).click();
    await expectText(page.locator('#audit-subject-id-error'), 'This is not an id');
    expect(await page.getByLabel('Id', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await page.getByRole('radio', { name: 'Newcomer' }).check();
    await page.getByLabel('Id', { exact: true }).fill(newcomerId);
    await page.getByRole('button', { name: 'Show trail' }).click();
    await page.waitForURL(`**/audit/trails/newcomers/${newcomerId}`);
    await page.getByRole('heading', { level: 1, name: 'Trail of a newcomer' }).waitFor();

    const items = page.locator('ol.audit-timeline > li');
    await items.first().waitFor();
    const headings = await items.locator('h3').allInnerTexts();
    const registration = headings.findIndex((h) => h.includes('Registered'));
    const proposal = headings.findIndex((h) => h.includes('Proposal made'));
    expect({ registration, proposal }).toEqual({ registration: 0, proposal: expect.any(Number) });
    expect(proposal).toBeGreaterThan(registration);
    // The same events as the API's trail, in the same order.
    const { body: trail } = await auditorGet(`/api/v1/audit/trails/newcomers/${newcomerId}`).expect(200);
    expect(await items.count()).toBe(trail.events.length);
    expect(trail.events[proposal].type).toBe('MatchProposed');

    const registered = items.nth(registration);
    expect(await registered.innerText()).toContain('by intake-utrecht-4 (intake)');
    expect(await registered.innerText()).toContain('Own history');
    const proposed = items.nth(proposal);
    expect(await proposed.innerText()).toContain('by matcher (system)');
    expect(await proposed.innerText()).toContain('Match it took part in');
    // Ids are compact until opened; the registration's personal data is sealed, not shown as ciphertext.
    await registered.getByText('Ids', { exact: true }).click();
    await expectText(registered.locator('.audit-id-list'), trail.events[0].metadata.correlationId);
    await registered.getByText('Data', { exact: true }).click();
    await expectText(registered.locator('.audit-event-data'), 'Personal data, stored encrypted');
    expect(await registered.locator('.audit-event-data').innerText()).not.toContain(trail.events[0].data.personal.ct.slice(0, 16));
    await screenshot(page, 'audit-trail');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    // The type filter narrows the timeline and says so.
    await page.getByLabel('Event type').selectOption({ label: 'Proposal made' });
    await expectText(page.locator('.audit-count'), `Showing 1 of ${trail.events.length} events`);
    expect(await items.count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filter' }).click();
    expect(await items.count()).toBe(trail.events.length);

    // The newcomer as of the registration: the profile decrypted, as it was then.
    await registered.getByRole('link', { name: 'Newcomer’s state as of this event' }).click();
    await page.getByRole('heading', { level: 1, name: 'Newcomer as of a moment' }).waitFor();
    await expectText(page.locator('#audit-state-heading'), `As of log position ${trail.events[0].position}`);
    await expectText(page.locator('.audit-state'), 'Amal Haddad');
    expect(errors).toEqual([]);
  });

  it("opens the proposal's explanation and shows its reproduction equal, with the API's score", async () => {
    const { page, errors } = await harness.signedIn('auditor', { language: 'en' });
    await page.goto(`/audit/trails/newcomers/${newcomerId}`);
    const proposed = page.locator('ol.audit-timeline > li').filter({ has: page.getByRole('heading', { name: 'Proposal made' }) });
    await proposed.getByRole('link', { name: 'Why this proposal was made' }).click();
    await page.waitForURL(`**/audit/matches/${match.id}`);
    await page.getByRole('heading', { level: 1, name: 'Why this proposal was made' }).waitFor();

    const { body: explained } = await auditorGet(`/api/v1/audit/matches/${match.id}/explanation`).expect(200);
    expect(explained.reproduction).toMatchObject({ equal: true, score: match.score });
    await expectText(page.locator('.audit-verdict-badge'), 'Reproduction equal');
    expect(await page.getByTestId('stored-score').innerText()).toBe(String(match.score));
    expect(await page.getByTestId('reproduced-score').innerText()).toBe(String(explained.reproduction.score));
    await expectText(page.locator('.audit-verdict'), `Stored score ${match.score.toFixed(4)}`);
    // The ranking computed again: same counts, the proposed key person first among the feasible.
    const ranking = page.getByRole('region', { name: 'The ranking computed again' });
    await expectText(ranking, 'The ranking computed again is identical to the stored explanation.');
    await expectText(ranking, `number ${explained.reproduction.ranking.place} of ${explained.reproduction.ranking.feasible}`);
    expect(await ranking.locator('.badge.audit-differs').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'The score computed again' }).locator('.badge.audit-same').count()).toBe(explained.explanation.components.length + 1);
    await screenshot(page, 'audit-explanation');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    expect(errors).toEqual([]);
  });

  it('verifies the hash chain and shows it intact with the counts the API gives', async () => {
    const { page, errors } = await harness.signedIn('auditor', { language: 'en' });
    await page.goto('/audit/verify');
    await page.getByRole('heading', { level: 1, name: 'Verify the hash chain' }).waitFor();
    await page.getByRole('button', { name: 'Verify every stream' }).click();
    await expectText(page.getByRole('status'), 'Intact');
    const { body: verified } = await auditorGet('/api/v1/audit/verify').expect(200);
    expect(verified).toMatchObject({ intact: true, broken: [] });
    expect(await page.getByTestId('verify-streams').innerText()).toBe(String(verified.streams));
    expect(await page.getByTestId('verify-events').innerText()).toBe(String(verified.events));
    await expectText(page.getByRole('status'), `${verified.streams} streams and ${verified.events} events checked`);
    // The log digest to write down is the API's.
    expect(await page.getByTestId('verify-anchor').innerText()).toBe(verified.head.anchor);
    await screenshot(page, 'audit-verify');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    // Pasted back, it checks out; a malformed one is refused beside its field; another digest does not match.
    const field = page.getByLabel('Log digest written down before (optional)');
    await field.fill(verified.head.anchor);
    await page.getByRole('button', { name: 'Verify every stream' }).click();
    await expectText(page.getByTestId('verify-anchor-check'), `The log up to position ${verified.head.position} is exactly as it was`);
    expect(new URL(page.url()).searchParams.get('anchor')).toBe(verified.head.anchor);
    await field.fill('last week');
    await page.getByRole('button', { name: 'Verify every stream' }).click();
    await expectText(page.locator('#audit-verify-anchor-error'), 'must be position:digest');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await field.fill(`${verified.head.position}:${'0'.repeat(64)}`);
    await page.getByRole('button', { name: 'Verify every stream' }).click();
    await expectText(page.getByTestId('verify-anchor-check'), `The log up to position ${verified.head.position} is no longer what it was`);
    await expectText(page.getByRole('status'), 'Broken');
    expect(withoutRefusals(errors, [400])).toEqual([]);
  });

  it('pages through the event log from a position, and refuses one that is not a position beside the field', async () => {
    const { page, errors } = await harness.signedIn('auditor', { language: 'en' });
    await page.goto('/audit/events');
    await page.getByRole('heading', { level: 1, name: 'Event log' }).waitFor();
    const { body: first } = await auditorGet('/api/v1/audit/events?limit=50').expect(200);
    const positions = async () => (await page.locator('table.audit-log tbody tr td:first-child').allInnerTexts()).map(Number);
    await expectText(page.getByRole('status'), `${first.items.length} events shown`);
    expect(await positions()).toEqual(first.items.map((event: { position: number }) => event.position));

    const field = page.getByLabel('Start after log position');
    await field.fill('3');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/\/audit\/events\?after=3$/);
    const { body: later } = await auditorGet('/api/v1/audit/events?after=3&limit=50').expect(200);
    await eventually(async () => ((await positions())[0] === 4 ? true : undefined), { what: 'the log after position 3' });
    expect(await positions()).toEqual(later.items.map((event: { position: number }) => event.position));

    await field.fill('three');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('#audit-log-after-error').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toBe('audit-log-after-hint audit-log-after-error');
    expect(withoutRefusals(errors, [400])).toEqual([]);
  });

  it('starts a replay, follows its progress and shows every projection equal', async () => {
    const { page, errors } = await harness.signedIn('auditor', { language: 'en' });
    await page.goto('/audit/replays');
    await page.getByRole('button', { name: 'Start a replay' }).click();
    await page.waitForURL(/\/audit\/replays\/[0-9a-f-]{36}$/);
    const replayId = page.url().split('/').pop()!;
    await page.getByRole('progressbar', { name: 'Progress of the replay' }).waitFor();
    await expectText(page.getByRole('status'), 'Done');
    const { body: replay } = await auditorGet(`/api/v1/audit/replays/${replayId}`).expect(200);
    expect(replay.status).toBe('done');
    expect(replay.projections.length).toBeGreaterThan(0);
    await expectText(page.getByRole('status'), `All ${replay.projections.length} rebuilt projections equal the live ones.`);
    const rows = page.locator('table.audit-projections tbody tr');
    expect(await rows.count()).toBe(replay.projections.length);
    for (const projection of replay.projections as { name: string; liveDigest: string }[]) {
      const row = page.locator(`tr[data-projection="${projection.name}"]`);
      expect({ name: projection.name, result: await row.locator('td .badge').innerText() }).toEqual({ name: projection.name, result: 'equal' });
      expect(await row.innerText()).toContain(projection.liveDigest.slice(0, 12));
    }
    expect(await page.getByRole('progressbar', { name: 'Progress of the replay' }).getAttribute('value')).toBe('1');
    await screenshot(page, 'audit-replay');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    expect(errors).toEqual([]);
  });

  it('shows the trail in Dutch', async () => {
    const { page, errors } = await harness.signedIn('auditor', { language: 'nl' });
    await page.goto(`/audit/trails/newcomers/${newcomerId}`);
    await page.getByRole('heading', { level: 1, name: 'Audittrail van een nieuwkomer' }).waitFor();
    const headings = await page.locator('ol.audit-timeline > li h3').allInnerTexts();
    expect(headings[0]).toContain('Geregistreerd');
    expect(headings.some((h) => h.includes('Voorstel gedaan'))).toBe(true);
    await expectText(page.locator('ol.audit-timeline > li').first(), 'door intake-utrecht-4 (intake)');
    await screenshot(page, 'audit-trail-nl');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    expect(errors).toEqual([]);
  });

  it('tells a coordinator that the audit pages are not for their role', async () => {
    const { page, errors } = await harness.signedIn('coordinator', { language: 'en' });
    await page.goto('/audit/trails');
    await expectText(page.getByRole('alert'), 'Your role does not give access to this page.');
    expect(await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Trails' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Show trail' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  // Last: it closes the match the tests above look at.
  it("shows why the matcher withdrew the match, in the page's words, with the reason as stored beside them", async () => {
    const { http, token } = harness.api;
    await http.post(`/api/v1/key-persons/${match.keyPersonId}/retire`).set('Authorization', `Bearer ${token('coordinator')}`).send({}).expect(200);
    const withdrawal = await eventually(
      async () => ((await auditorGet(`/api/v1/audit/trails/matches/${match.id}`).expect(200)).body.events as { type: string; position: number }[]).find((e) => e.type === 'MatchWithdrawn'),
      { what: 'the withdrawal' },
    );
    const { body: asOf } = await auditorGet(`/api/v1/audit/matches/${match.id}?asOf=${withdrawal.position}`).expect(200);
    expect(asOf.state.closing).toEqual({ status: 'withdrawn', reason: 'The key person retired' });

    const { page, errors } = await harness.signedIn('auditor', { language: 'nl' });
    await page.goto(`/audit/trails/matches/${match.id}`);
    const withdrawn = page.locator('ol.audit-timeline > li').filter({ has: page.getByRole('heading', { name: 'Ingetrokken' }) }).first();
    await withdrawn.getByRole('link', { name: 'Stand van de koppeling na deze gebeurtenis (waarom ze afliep)' }).click();
    await page.waitForURL(`**/audit/states/matches/${match.id}?asOf=${withdrawal.position}`);
    await page.getByRole('heading', { level: 1, name: 'Koppeling op een moment' }).waitFor();
    await expectText(page.getByTestId('audit-state-closing-words'), 'de sleutelpersoon is gestopt');
    expect(await page.getByTestId('audit-state-stored-reason').innerText()).toBe('The key person retired');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    expect(errors).toEqual([]);
  });
});
