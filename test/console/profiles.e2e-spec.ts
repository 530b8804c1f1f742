import type { Page } from 'playwright-core';
import { keyPersonBody, newcomerBody } from '../support/bodies';
import { ConsoleHarness, describeViolations, screenshot, seriousA11yViolations, startConsole } from '../support/browser';
import { choose, expectFocused, expectText, expectValue, withoutRefusals } from '../support/console-page';

/**
 * The profiles area in a real browser against the real API: the intake form
 * filled in as a worker would (typing into the pickers and choosing with the
 * keyboard, the week grid, needs, preferences), the API's refusals shown
 * beside their fields, an edit that meets a newer version, the key-person
 * form, and the Dutch texts.
 */
jest.setTimeout(120_000);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('web console: profiles', () => {
  let harness: ConsoleHarness;

  beforeAll(async () => {
    harness = await startConsole();
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  const bearer = (role: 'intake' | 'coordinator') => `Bearer ${harness.api.token(role)}`;

  async function register(path: '/api/v1/newcomers' | '/api/v1/key-persons', body: Record<string, unknown>): Promise<string> {
    const role = path.endsWith('newcomers') ? 'intake' : 'coordinator';
    const response = await harness.api.http.post(path).set('Authorization', bearer(role)).send(body).expect(201);
    return response.body.id as string;
  }

  async function expectNoSeriousViolations(page: Page): Promise<void> {
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
  }

  it('registers a newcomer entirely through the intake form, and the API has exactly that newcomer', async () => {
    await register('/api/v1/newcomers', newcomerBody());
    await register('/api/v1/newcomers', newcomerBody({ displayName: 'Farid Noori', languages: [{ code: 'prs', level: 'native' }], origin: { country: 'AF' } }));
    const { page, errors } = await harness.signedIn('intake', { sub: 'intake-ui' });

    await page.goto('/intake/newcomers');
    await page.getByRole('heading', { level: 1, name: 'Newcomers' }).waitFor();
    await page.getByRole('cell', { name: 'Farid Noori' }).waitFor();
    // Codes are shown by name.
    await page.getByRole('cell', { name: 'Utrecht' }).first().waitFor();
    await screenshot(page, 'profiles-newcomer-list');
    await expectNoSeriousViolations(page);

    await page.getByRole('link', { name: 'Register a newcomer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Register a newcomer' }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Hana Tesfay');
    await page.getByLabel('Year of birth').fill('1988');
    await page.getByLabel('Gender (optional)').selectOption('female');
    await page.getByLabel('Phone (optional)').fill('+31 6 1234 5678');
    await page.getByLabel('E-mail (optional)').fill('hana@example.org');
    await choose(page, 'Municipality', 'Utrecht', 'Utrecht');
    expect(await page.getByRole('combobox', { name: 'Municipality' }).inputValue()).toBe('Utrecht');
    await page.getByLabel('Postcode area (optional)').fill('3511');

    await choose(page, 'Language 1', 'Tigrinya', 'Tigrinya (tir)');
    await page.getByLabel('Level of language 1').selectOption('native');
    await page.getByRole('button', { name: 'Add a language' }).click();
    // Focus moves to the new row's picker: the keyboard user types on.
    await expectFocused(page.getByRole('combobox', { name: 'Language 2', exact: true }));
    await choose(page, 'Language 2', 'Dutch', 'Dutch (nld)');
    await page.getByLabel('Level of language 2').selectOption('basic');
    await choose(page, 'Country of origin', 'Eritr', 'Eritrea');

    await page.getByRole('checkbox', { name: 'Health and care' }).check();
    await page.getByLabel('Priority Health and care').selectOption('1');
    await page.getByRole('checkbox', { name: 'Housing' }).check();

    // The week grid by keyboard: into Monday 09:00, then right and Space twice: Monday 09:00–12:00.
    const monday9 = page.getByRole('button', { name: 'Monday 09:00–10:00' });
    await monday9.click();
    await page.keyboard.press('ArrowRight');
    await expectFocused(page.getByRole('button', { name: 'Monday 10:00–11:00' }));
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await expectFocused(page.getByRole('button', { name: 'Tuesday 11:00–12:00' }));
    expect(await monday9.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Monday 11:00–12:00' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Tuesday 11:00–12:00' }).getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('button', { name: 'Tuesday 18:00–19:00' }).click();
    await page.getByLabel('Available from (optional)').fill('2026-12-01');

    await page.getByRole('radio', { name: 'Female' }).check();
    await page.getByRole('checkbox', { name: 'This gender is a requirement' }).check();
    await page.getByRole('radio', { name: 'No, preferably not' }).check();
    await page.getByRole('checkbox', { name: 'Contact by phone or video is acceptable' }).check();
    await page.getByLabel('Notes (optional)').fill('Prefers mornings.');

    await screenshot(page, 'profiles-intake-form');
    await expectNoSeriousViolations(page);

    await page.getByRole('button', { name: 'Register newcomer' }).click();
    await page.waitForURL(/\/intake\/newcomers\/[0-9a-f-]{36}$/);
    await expectText(page.getByRole('status').filter({ hasText: 'is registered' }), 'Hana Tesfay is registered.');
    const id = UUID.exec(page.url())![0];

    const stored = await harness.api.http.get(`/api/v1/newcomers/${id}`).set('Authorization', bearer('intake')).expect(200);
    expect(stored.body).toMatchObject({
      id,
      status: 'active',
      displayName: 'Hana Tesfay',
      contact: { phone: '+31612345678', email: 'hana@example.org' },
      birthYear: 1988,
      gender: 'female',
      municipality: 'GM0344',
      postcodeArea: '3511',
      languages: [{ code: 'tir', level: 'native' }, { code: 'nld', level: 'basic' }],
      origin: { country: 'ER' },
      needs: [{ topic: 'health', priority: 1 }, { topic: 'housing', priority: 2 }],
      availability: { slots: [{ day: 'mon', start: '09:00', end: '12:00' }, { day: 'tue', start: '18:00', end: '19:00' }], from: '2026-12-01', until: null },
      preferences: { keyPersonGender: 'female', genderRequired: true, sameOrigin: 'no', remoteOk: true },
      doNotMatch: [],
      notes: 'Prefers mornings.',
    });

    // The profile page reads names, not codes, and shows the id.
    await page.getByText('Tigrinya (tir) — Native').waitFor();
    await page.getByText('Eritrea').waitFor();
    await page.getByText('Monday 09:00–12:00').waitFor();
    await page.getByText(id, { exact: true }).waitFor();
    await screenshot(page, 'profiles-newcomer-page');
    await expectNoSeriousViolations(page);
    expect(errors).toEqual([]);
  });

  it('shows the API’s message beside the field it refuses, appends nothing, and saves once corrected', async () => {
    const { page, errors } = await harness.signedIn('intake', { sub: 'intake-refused' });
    const keys: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/newcomers')) keys.push(request.headers()['idempotency-key']);
    });
    await page.goto('/intake/newcomers/new');
    await page.getByRole('heading', { level: 1, name: 'Register a newcomer' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Omar Saleh');
    await page.getByLabel('Year of birth').fill('1800');
    await choose(page, 'Municipality', 'Amsterdam', 'Amsterdam');
    await choose(page, 'Language 1', 'levantine', 'North Levantine Arabic (apc)');
    await page.getByLabel('Level of language 1').selectOption('fluent');
    await choose(page, 'Country of origin', 'Syri', 'Syrian Arab Republic');
    await page.getByRole('button', { name: 'Wednesday 14:00–15:00' }).click();

    const before = await harness.api.logLength();
    await page.getByRole('button', { name: 'Register newcomer' }).click();
    const message = page.locator('#newcomer-birthYear-error');
    await expectText(message, 'Birth year must be between');
    const input = page.getByLabel('Year of birth');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toContain('newcomer-birthYear-error');
    expect(await harness.api.logLength()).toBe(before);
    expect(page.url()).toMatch(/\/intake\/newcomers\/new$/);

    // The summary takes focus and links to the field.
    const summary = page.getByRole('alert').filter({ hasText: 'The form was not saved' });
    await expectFocused(summary);
    await summary.getByRole('link', { name: 'Year of birth' }).click();
    await expectFocused(input);
    await screenshot(page, 'profiles-intake-refused');

    await input.fill('1979');
    await page.getByRole('button', { name: 'Register newcomer' }).click();
    await page.waitForURL(/\/intake\/newcomers\/[0-9a-f-]{36}$/);
    await expectText(page.getByRole('status').filter({ hasText: 'is registered' }), 'Omar Saleh is registered.');
    expect(await harness.api.logLength()).toBeGreaterThan(before);
    // One submission, retried after correcting it: one Idempotency-Key.
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toBe(keys[0]);
    // The browser logs the refused request itself; nothing else may have gone wrong.
    expect(withoutRefusals(errors, [400], { exactlyOne: true })).toEqual([]);
  });

  it('keeps an edit that meets a newer version, leads the keyboard through the notices, and saves it over the latest one', async () => {
    const id = await register('/api/v1/newcomers', newcomerBody({ displayName: 'Layla Haddad' }));
    const { page, errors } = await harness.signedIn('intake', { sub: 'intake-editor' });
    await page.goto(`/intake/newcomers/${id}/edit`);
    await page.getByRole('heading', { level: 1, name: 'Edit Layla Haddad' }).waitFor();
    // Prefilled, pickers showing names.
    await expectValue(page.getByRole('combobox', { name: 'Language 1', exact: true }), 'North Levantine Arabic (apc)');
    expect(await page.getByRole('button', { name: 'Monday 10:00–11:00' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByLabel('Notes (optional)').fill('Met on Tuesday.');

    // Meanwhile someone else changes the name.
    const read = await harness.api.http.get(`/api/v1/newcomers/${id}`).set('Authorization', bearer('intake')).expect(200);
    await harness.api.http.patch(`/api/v1/newcomers/${id}`).set('Authorization', bearer('intake')).set('If-Match', read.headers.etag).send({ displayName: 'Layla H.' }).expect(200);

    // By keyboard: the focus goes to the conflict notice, never to the page, and on from there to its button.
    await page.getByRole('button', { name: 'Save changes' }).focus();
    await page.keyboard.press('Enter');
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed this record' });
    await conflict.waitFor();
    await expectFocused(conflict);
    expect(await page.getByLabel('Notes (optional)').inputValue()).toBe('Met on Tuesday.');
    await screenshot(page, 'profiles-edit-conflict');
    await expectNoSeriousViolations(page);

    await page.keyboard.press('Tab');
    await expectFocused(conflict.getByRole('button', { name: 'Load the latest version' }));
    await page.keyboard.press('Enter');
    const loaded = page.getByRole('status').filter({ hasText: 'latest version' });
    await expectText(loaded, 'revision 1');
    await expectFocused(loaded);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Layla H.');
    expect(await page.getByLabel('Notes (optional)').inputValue()).toBe('Met on Tuesday.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(new RegExp(`/intake/newcomers/${id}$`));
    await expectText(page.getByRole('status').filter({ hasText: 'Changes saved' }), 'revision 2');

    const stored = await harness.api.http.get(`/api/v1/newcomers/${id}`).set('Authorization', bearer('intake')).expect(200);
    expect(stored.body).toMatchObject({ displayName: 'Layla H.', notes: 'Met on Tuesday.', revision: 2 });
    expect(withoutRefusals(errors, [412], { exactlyOne: true })).toEqual([]);
  });

  it('shows an erased newcomer as erased, from the API\'s 410, on the profile and the edit page', async () => {
    const id = await register('/api/v1/newcomers', newcomerBody({ displayName: 'Hiba Erased' }));
    await harness.api.http.post('/api/v1/erasures').set('Authorization', `Bearer ${harness.api.token('admin')}`).send({ subjectType: 'newcomer', subjectId: id }).expect(200);
    const { page, errors } = await harness.signedIn('intake', { sub: 'intake-erased' });
    for (const path of [`/intake/newcomers/${id}`, `/intake/newcomers/${id}/edit`]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: path.endsWith('edit') ? 'Data erased' : 'Newcomer erased' }).waitFor();
      await expectText(page.getByRole('status').filter({ hasText: 'erased' }), 'This person’s data has been erased.');
      expect(await page.getByText('Hiba Erased').count()).toBe(0);
    }
    await expectNoSeriousViolations(page);
    expect(withoutRefusals(errors, [410])).toEqual([]);
  });

  it('lets a coordinator register a key person through the form', async () => {
    await register('/api/v1/key-persons', keyPersonBody());
    const { page, errors } = await harness.signedIn('coordinator', { sub: 'coordinator-ui' });
    await page.goto('/coordinator/key-persons');
    await page.getByRole('cell', { name: 'Yonas Tesfay' }).waitFor();
    await page.getByRole('link', { name: 'Register a key person' }).click();
    await page.getByRole('heading', { level: 1, name: 'Register a key person' }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Samira Ahmadi');
    await page.getByLabel('Gender', { exact: true }).selectOption('female');
    // One of phone and e-mail is needed, neither alone: the group says so, and neither field says "(optional)".
    const contact = page.getByRole('group', { name: 'Contact: a phone number, an e-mail address or both' });
    expect(await contact.getByText('(optional)').count()).toBe(0);
    expect(await contact.getByLabel('Phone', { exact: true }).getAttribute('required')).toBeNull();
    await contact.getByLabel('E-mail', { exact: true }).fill('samira@example.org');
    await choose(page, 'Municipality', 'Utrecht', 'Utrecht');
    await page.getByLabel('Postcode area (optional)').fill('3512');
    await page.getByLabel('Travel radius (km)').fill('12.5');
    await page.getByLabel('Capacity').fill('3');
    await page.getByLabel('Maximum hours per month').fill('30');
    await page.getByRole('radio', { name: 'Paid' }).check();
    await choose(page, 'Country of origin', 'Afghan', 'Afghanistan');
    await choose(page, 'Language 1', 'Dari', 'Dari (prs)');
    await page.getByLabel('Level of language 1').selectOption('native');
    await page.getByRole('checkbox', { name: 'Health and care' }).check();
    await page.getByRole('checkbox', { name: 'Paperwork and official letters' }).check();
    await page.getByRole('button', { name: 'Thursday 18:00–19:00' }).click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');

    await screenshot(page, 'profiles-key-person-form');
    await expectNoSeriousViolations(page);
    await page.getByRole('button', { name: 'Register key person' }).click();
    await page.waitForURL(/\/coordinator\/key-persons\/[0-9a-f-]{36}$/);
    await expectText(page.getByRole('status').filter({ hasText: 'is registered' }), 'Samira Ahmadi is registered as a key person.');
    const id = UUID.exec(page.url())![0];
    await expectText(page.getByRole('region', { name: 'Commitment' }), '0 (open proposals and accepted matches); 3 free');
    const stored = await harness.api.http.get(`/api/v1/key-persons/${id}`).set('Authorization', bearer('coordinator')).expect(200);
    expect(stored.body).toMatchObject({
      displayName: 'Samira Ahmadi', gender: 'female', contact: { email: 'samira@example.org' }, municipality: 'GM0344', postcodeArea: '3512',
      travelRadiusKm: 12.5, remoteOnly: false, languages: [{ code: 'prs', level: 'native' }], origin: { country: 'AF' },
      expertise: ['health', 'administration'], capacity: 3, maxHoursPerMonth: 30, engagement: 'paid', status: 'active',
      availability: { slots: [{ day: 'thu', start: '18:00', end: '20:00' }] },
    });

    // Pause, confirmed in a dialog.
    await page.getByRole('button', { name: 'Pause' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pause Samira Ahmadi?' });
    await dialog.getByLabel('Reason').fill('On holiday in August.');
    await dialog.getByRole('button', { name: 'Pause key person' }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'paused' }), 'The key person is paused.');
    const paused = await harness.api.http.get(`/api/v1/key-persons/${id}`).set('Authorization', bearer('coordinator')).expect(200);
    expect(paused.body.status).toBe('paused');
    expect(errors).toEqual([]);
  });

  it('speaks Dutch', async () => {
    const { page, errors } = await harness.signedIn('intake', { language: 'nl' });
    await page.goto('/intake/newcomers/new');
    await page.getByRole('heading', { level: 1, name: 'Nieuwkomer registreren' }).waitFor();
    await page.getByLabel('Geboortejaar').waitFor();
    await page.getByRole('group', { name: 'Hulpvragen' }).waitFor();
    await page.getByRole('button', { name: 'maandag 09:00–10:00' }).waitFor();
    await choose(page, 'Land van herkomst', 'Syrië', 'Syrië');
    expect(await page.getByRole('combobox', { name: 'Land van herkomst' }).inputValue()).toBe('Syrië');

    // The API's own refusal, in Dutch beside the field and in the summary, with its figures.
    await page.getByLabel('Naam', { exact: true }).fill('Omar Saleh');
    await page.getByLabel('Geboortejaar').fill('1800');
    await choose(page, 'Gemeente', 'Utrecht', 'Utrecht');
    // Languages by their Dutch names where the API's list has one, by their English ones otherwise.
    const { body: reference } = await harness.api.http.get('/api/v1/reference/languages?codes=apc').set('Authorization', bearer('intake')).expect(200);
    await choose(page, 'Taal 1', 'levantine', `${reference.items[0].nl ?? reference.items[0].name} (apc)`);
    await page.getByLabel('Niveau van taal 1').selectOption('fluent');
    await page.getByRole('button', { name: 'maandag 09:00–10:00' }).click();
    const before = await harness.api.logLength();
    await page.getByRole('button', { name: 'Nieuwkomer registreren' }).click();
    const refused = page.locator('#newcomer-birthYear-error');
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/^Moet tussen \d{4} en \d{4} liggen$/);
    expect(await page.getByRole('alert').filter({ hasText: 'Geboortejaar' }).innerText()).toMatch(/Geboortejaar\s*: Moet tussen \d{4} en \d{4} liggen/);
    expect(await harness.api.logLength()).toBe(before);
    // Switched to English, the same refusal reads as the API wrote it.
    await page.locator('.language-switch select').selectOption('en');
    await expectText(refused, 'Birth year must be between');
    expect(withoutRefusals(errors, [400], { exactlyOne: true })).toEqual([]);
  });
});
