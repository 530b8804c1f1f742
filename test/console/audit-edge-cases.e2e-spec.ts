import { randomUUID } from 'node:crypto';
import { keyPersonBody, newcomerBody } from '../support/bodies';
import { ConsoleHarness, startConsole } from '../support/browser';
import { expectText, withoutRefusals } from '../support/console-page';
import { eventually } from '../support/eventually';

/**
 * The auditor's pages where QA found them wanting, in a real browser against
 * the real API with its in-process matcher, on Dutch pages: the API's
 * refusals of a start position and of a digest said in Dutch (and no stale
 * results under them), a digest that differs while every chain holds, a
 * stream that does not exist, a past state with its fields named and its
 * year as a year, and the reproduction's wording and numbers.
 */
jest.setTimeout(120_000);

type Match = { id: string; status: string; score: number };

describe('web console: audit edge cases', () => {
  let harness: ConsoleHarness;
  let newcomerId: string;
  let match: Match;

  const auditorGet = (path: string) => harness.api.http.get(path).set('Authorization', `Bearer ${harness.api.token('auditor')}`);

  beforeAll(async () => {
    harness = await startConsole({ matcher: true });
    const { http, token } = harness.api;
    const coordinator = `Bearer ${token('coordinator')}`;
    // One key person passes every hard constraint, the other shares no language.
    await http.post('/api/v1/key-persons').set('Authorization', coordinator).send(keyPersonBody({ languages: [{ code: 'tir', level: 'native' }], origin: { country: 'ER' } })).expect(201);
    await http.post('/api/v1/key-persons').set('Authorization', coordinator).send(keyPersonBody({ languages: [{ code: 'prs', level: 'native' }], origin: { country: 'AF' } })).expect(201);
    newcomerId = (await http.post('/api/v1/newcomers').set('Authorization', `Bearer ${token('intake')}`).send(newcomerBody({
      birthYear: 1990,
      languages: [{ code: 'tir', level: 'native' }],
      origin: { country: 'ER' },
      availability: { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] },
      preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
    })).expect(201)).body.id;
    match = await eventually(async () => {
      const { body } = await http.get(`/api/v1/matches?newcomerId=${newcomerId}`).set('Authorization', coordinator).expect(200);
      return (body.items as Match[]).find((m) => m.status === 'proposed');
    }, { what: 'a proposal for the newcomer' });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  const auditor = (language: 'nl' | 'en' = 'nl') => harness.signedIn('auditor', { language });

  it('says in Dutch that a start position is none, and shows no results under it that are not its answer', async () => {
    const { page, errors } = await auditor();
    await page.goto('/audit/events');
    await page.locator('table.audit-log tbody tr').first().waitFor();
    await page.getByLabel('Beginnen na logpositie').fill('drie');
    await page.getByRole('button', { name: 'Tonen' }).click();
    const message = page.locator('#audit-log-after-error');
    await expectText(message, 'Moet een logpositie zijn');
    expect(await message.innerText()).not.toContain('must be');
    expect(await page.locator('table.audit-log tbody tr').count()).toBe(0);
    expect(await page.getByText('Geen gebeurtenissen na deze positie.').count()).toBe(0);
    expect(withoutRefusals(errors, [400])).toEqual([]);
  });

  it('says in Dutch what is wrong with a digest, that the chains hold while the log differs from one, and that a stream does not exist', async () => {
    const { body: verified } = await auditorGet('/api/v1/audit/verify').expect(200);
    const { page, errors } = await auditor();
    await page.goto('/audit/verify');
    const anchor = page.getByLabel('Eerder genoteerde logdigest (optioneel)');
    await anchor.fill('vorige week');
    await page.getByRole('button', { name: 'Alle stromen controleren' }).click();
    const anchorMessage = page.locator('#audit-verify-anchor-error');
    await expectText(anchorMessage, 'Moet positie:digest zijn');
    expect(await anchorMessage.innerText()).not.toContain('must be');

    await anchor.fill(`${verified.head.position}:${'0'.repeat(64)}`);
    await page.getByRole('button', { name: 'Alle stromen controleren' }).click();
    const status = page.getByRole('status');
    await expectText(status, 'De hashketens kloppen');
    expect(await status.innerText()).toContain('maar het log komt niet overeen met de opgegeven logdigest');
    expect(await status.innerText()).not.toContain('Elke schakel klopt');

    await anchor.fill('');
    await page.getByLabel('Stroom (optioneel)').fill(`newcomer-${randomUUID()}`);
    await page.getByRole('button', { name: 'Deze stroom controleren' }).click();
    await expectText(page.locator('#audit-verify-stream-error'), 'Het log bevat geen stroom met die naam');
    expect(await status.innerText()).not.toContain('Intact');
    expect(await page.getByTestId('verify-streams').count()).toBe(0);
    expect(withoutRefusals(errors, [400, 404])).toEqual([]);
  });

  it('shows a past state with its fields named in Dutch and the year of birth as a year', async () => {
    const { body: trail } = await auditorGet(`/api/v1/audit/trails/newcomers/${newcomerId}`).expect(200);
    const { page, errors } = await auditor();
    await page.goto(`/audit/states/newcomers/${newcomerId}?asOf=${trail.events[0].position}`);
    const state = page.locator('.audit-state');
    await expectText(state, 'Amal Haddad');
    const birthYear = state.locator('[data-field="birthYear"]');
    expect(await birthYear.locator('dt').innerText()).toBe('Geboortejaar');
    expect(await birthYear.locator('dd').innerText()).toBe('1990');
    const text = await state.innerText();
    for (const key of ['displayName', 'birthYear', 'gender', 'municipality', 'registeredAt']) expect(text).not.toContain(key);
    expect(text).toContain('Gemeente');
    expect(text).not.toContain('1.990');
    // The moment is typed in Amsterdam time, as the page shows times.
    await page.getByRole('radio', { name: 'Op een datum en tijd' }).check();
    await expectText(page.locator('#audit-asof-time-hint'), 'Europe/Amsterdam');

    const english = await auditor('en');
    await english.page.goto(`/audit/states/newcomers/${newcomerId}?asOf=${trail.events[0].position}`);
    const englishYear = english.page.locator('.audit-state [data-field="birthYear"]');
    await expectText(englishYear, '1990');
    expect(await englishYear.locator('dt').innerText()).toBe('Year of birth');
    expect([...errors, ...english.errors]).toEqual([]);
  });

  it('reads the reproduction in Dutch: one key person that passes, one name per component, exact scores with a decimal comma', async () => {
    const { body: explained } = await auditorGet(`/api/v1/audit/matches/${match.id}/explanation`).expect(200);
    expect(explained.reproduction.ranking.feasible).toBe(1);
    const { page, errors } = await auditor();
    await page.goto(`/audit/matches/${match.id}`);
    const ranking = page.getByRole('region', { name: 'De rangschikking opnieuw berekend' });
    await expectText(ranking, '1 voldeed aan alle harde voorwaarden');
    expect(await ranking.innerText()).not.toContain('voldeden');

    // The same component has the same name in the stored explanation and in the score computed again.
    const stored = await page.locator('table.matching-components tbody th').allInnerTexts();
    const again = await page.getByRole('region', { name: 'De score opnieuw berekend' }).locator('tbody th').allInnerTexts();
    expect(again).toEqual(stored);
    expect(stored).toContain('Nabijheid');

    expect(await page.getByTestId('stored-score').innerText()).toBe(String(match.score).replace('.', ','));
    expect(await page.getByTestId('reproduced-score').innerText()).toBe(String(explained.reproduction.score).replace('.', ','));
    expect(errors).toEqual([]);
  });
});
