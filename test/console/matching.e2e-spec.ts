import type { Locator, Page } from 'playwright-core';
import { keyPersonBody, newcomerBody } from '../support/bodies';
import { ConsoleHarness, SignedInPage, startConsole } from '../support/browser';
import { expectAccessible, expectFocused, expectText, withoutRefusals } from '../support/console-page';
import { eventually } from '../support/eventually';

/**
 * The matching area of the console in a real browser against the real API
 * with its in-process matcher, in cohort mode: explicit match requests are
 * proposed at once, everyone else waits for a cohort run started from the
 * console. A coordinator reviews the queue, reads why a proposal was made
 * (the numbers being the API's), approves, records answers and a decline,
 * meets a decision someone else made first, and starts a cohort run whose
 * progress and fairness report the console shows.
 */
jest.setTimeout(90_000);

type Component = { name: string; raw: { value: number }; weight: number; contribution: number };
type Match = {
  id: string; newcomerId: string; keyPersonId: string; status: string; score: number; acceptedBy: string[];
  closing: { status: string; party?: string; outcome?: string; reason?: string } | null;
  explanation: { components: Component[]; considered: number; alternatives: { keyPersonId: string; score: number }[]; cohortRunId?: string };
};
type Groups = { group: string; newcomers: number; matched: number; matchRate: number }[];
type Run = {
  id: string; status: string; summary: { newcomers: number; keyPersons: number; proposed: number } | null; fairness: { byLanguage: Groups; byGender: Groups; byAgeBand: Groups } | null;
  unplaced: { newcomerId: string; reason: string | null; eligible: number | null; bestScore: number | null; excluded: Record<string, number> | null }[] | null;
};

/** What the console prints for a score and its parts (en-GB, fixed decimals). */
const fixed = (value: number, digits: number) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
/** The browser's own report of a refused request (a 4xx the page then explains) is not a page error. */

describe('web console: matching', () => {
  let harness: ConsoleHarness;
  let coordinator: string;
  let intake: string;
  const ids: Record<string, string> = {};

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const api = {
    get: async <T>(path: string): Promise<T> => (await harness.api.http.get(`/api/v1${path}`).set(as(coordinator)).expect(200)).body as T,
    post: (path: string, body: object = {}) => harness.api.http.post(`/api/v1${path}`).set(as(coordinator)).send(body),
  };
  const matchOf = async (newcomer: string): Promise<Match> =>
    eventually(async () => (await api.get<{ items: Match[] }>(`/matches?newcomerId=${ids[newcomer]}`)).items[0], { what: `a proposal for ${newcomer}`, timeoutMs: 20_000 });

  const evenings = { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] };
  const anyone = { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false };

  beforeAll(async () => {
    harness = await startConsole({ matcher: true, env: { MATCHING_MODE: 'cohort' } });
    coordinator = harness.api.token('coordinator', { sub: 'coordinator-anna' });
    intake = harness.api.token('intake');
    const keyPersons: [string, Record<string, unknown>][] = [
      ['Yonas Tesfay', { languages: [{ code: 'tir', level: 'native' }, { code: 'nld', level: 'fluent' }], capacity: 3 }],
      ['Selam Girma', { gender: 'female', languages: [{ code: 'tir', level: 'fluent' }], expertise: ['housing'], capacity: 2 }],
      ['Farid Ahmadi', { languages: [{ code: 'prs', level: 'native' }], expertise: ['work'], capacity: 1 }],
    ];
    for (const [displayName, overrides] of keyPersons) {
      const created = await api.post('/key-persons', keyPersonBody({ displayName, availability: evenings, ...overrides })).expect(201);
      ids[displayName] = created.body.id;
    }
    const newcomers: [string, Record<string, unknown>][] = [
      ['Amal Haddad', { languages: [{ code: 'tir', level: 'native' }] }],
      ['Hewan Tesfaye', { languages: [{ code: 'tir', level: 'native' }], birthYear: 2001 }],
      ['Luwam Berhe', { languages: [{ code: 'tir', level: 'fluent' }], birthYear: 1979 }],
      ['Nasrin Karimi', { languages: [{ code: 'prs', level: 'native' }], needs: [{ topic: 'work', priority: 1 }], birthYear: 1968 }],
      ['Hodan Ali', { languages: [{ code: 'som', level: 'native' }], birthYear: 1995 }],
    ];
    for (const [displayName, overrides] of newcomers) {
      const created = await harness.api.http.post('/api/v1/newcomers').set(as(intake))
        .send(newcomerBody({ displayName, availability: evenings, preferences: anyone, ...overrides })).expect(201);
      ids[displayName] = created.body.id;
    }
    // Asked explicitly, the matcher proposes at once; Nasrin and Hodan wait for a cohort run.
    for (const name of ['Amal Haddad', 'Hewan Tesfaye', 'Luwam Berhe']) {
      await harness.api.http.post(`/api/v1/newcomers/${ids[name]}/match-requests`).set(as(intake)).expect(202);
      await matchOf(name);
    }
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  const coordinatorPage = (language: 'en' | 'nl' = 'en'): Promise<SignedInPage> => harness.signedIn('coordinator', { sub: 'coordinator-anna', language });
  const row = (page: Page, matchId: string): Locator => page.locator(`tr[data-match-id="${matchId}"]`);
  const attributes = async (locator: Locator, name: string) => Promise.all((await locator.all()).map((element) => element.getAttribute(name)));
  it('lists the waiting proposals, oldest first, with the names of both people', async () => {
    const { page, errors } = await coordinatorPage();
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Proposals' }).click();
    await page.getByRole('heading', { level: 1, name: 'Proposals' }).waitFor();
    const amal = await matchOf('Amal Haddad');
    const luwam = await matchOf('Luwam Berhe');
    await row(page, luwam.id).getByRole('link', { name: 'Luwam Berhe', exact: true }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'waiting for a decision' }).innerText()).resolves.toBe('3 proposals waiting for a decision');
    const rows = page.locator('tbody tr[data-match-id]');
    // The API's order, oldest proposal first.
    expect(await attributes(rows, 'data-match-id')).toEqual((await api.get<{ items: Match[] }>('/matches?status=proposed')).items.map((m) => m.id));
    const amalRow = row(page, amal.id);
    await amalRow.getByRole('link', { name: 'Yonas Tesfay' }).or(amalRow.getByRole('link', { name: 'Selam Girma' })).waitFor();
    expect(await amalRow.innerText()).toContain(fixed(amal.score, 3));
    expect(await amalRow.innerText()).toContain('On demand');
    expect(await amalRow.getByRole('link', { name: 'Amal Haddad', exact: true }).getAttribute('href')).toBe(`/intake/newcomers/${ids['Amal Haddad']}`);
    expect(await amalRow.getByRole('link', { name: 'Review proposal for Amal Haddad' }).getAttribute('href')).toBe(`/coordinator/matches/${amal.id}`);
    await expectAccessible(page, 'matching-queue');

    // Other statuses through the filter: nothing is approved yet.
    await page.getByLabel('Status').selectOption('approved');
    await page.getByText('Nothing matches this filter.').waitFor();
    expect(page.url()).toMatch(/\?status=approved$/);
    expect(errors).toEqual([]);
  });

  it('reads in Dutch', async () => {
    const { page, errors } = await coordinatorPage('nl');
    await page.goto('/coordinator/proposals');
    await page.getByRole('heading', { level: 1, name: 'Voorstellen' }).waitFor();
    await page.getByText('3 voorstellen wachten op een besluit').waitFor();
    expect(await page.locator('thead').innerText()).toContain('Sleutelpersoon');
    expect(await page.getByRole('link', { name: /Beoordelen/ }).count()).toBe(3);
    // Refreshing by keyboard keeps the focus on the button, for the next refresh or Tab onwards.
    const refresh = page.getByRole('button', { name: 'Vernieuwen' });
    await refresh.focus();
    const reread = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/matches');
    await page.keyboard.press('Enter');
    await reread;
    await page.getByText('3 voorstellen wachten op een besluit').waitFor();
    await expectFocused(refresh);
    expect(errors).toEqual([]);
  });

  it('explains a proposal with the API\'s numbers, approves it, and records that both accept', async () => {
    const { page, errors } = await coordinatorPage();
    const amal = await matchOf('Amal Haddad');
    await page.goto('/coordinator/proposals');
    await row(page, amal.id).getByRole('link', { name: 'Review proposal for Amal Haddad' }).click();
    await page.getByRole('heading', { level: 1, name: 'Proposal' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Why this key person' }).waitFor();

    // Every component of the stored explanation, in words and with its numbers.
    const components = page.locator('tr[data-component]');
    expect(await attributes(components, 'data-component')).toEqual(amal.explanation.components.map((c) => c.name));
    for (const component of amal.explanation.components) {
      const line = page.locator(`tr[data-component="${component.name}"]`);
      expect(await line.locator('[data-field="value"]').innerText()).toBe(fixed(component.raw.value, 2));
      expect(await line.locator('[data-field="weight"]').innerText()).toBe(String(component.weight));
      expect(await line.locator('[data-field="contribution"]').innerText()).toBe(fixed(component.contribution, 3));
    }
    expect(await page.locator('[data-field="total"]').innerText()).toBe(fixed(amal.score, 3));
    expect(await page.locator('tr[data-component="language"]').innerText()).toMatch(/Shared language: Tigrinya, both at least (native|fluent)/);
    expect(await page.locator('tr[data-component="availability"]').innerText()).toContain('3 hours a week in common');
    expect(await page.locator('[data-field="considered"]').innerText()).toContain(`${amal.explanation.considered} key persons considered`);
    // Farid speaks no Tigrinya: counted under that constraint, in words.
    expect(await page.locator('tr[data-reason="no-shared-language"]').innerText()).toMatch(/no shared language at conversational level or better\s+1/);
    const alternatives = page.locator('table.matching-alternatives tbody tr');
    expect(await alternatives.count()).toBe(amal.explanation.alternatives.length);
    await expectAccessible(page, 'matching-match');

    await page.getByRole('button', { name: 'Approve proposal' }).click();
    await page.getByRole('status').filter({ hasText: 'Proposal approved' }).waitFor();
    expect((await api.get<Match>(`/matches/${amal.id}`)).status).toBe('approved');
    await page.locator('.badge.approved').waitFor();

    await page.getByRole('button', { name: 'Newcomer accepts' }).click();
    await page.getByRole('status').filter({ hasText: 'The newcomer’s acceptance is recorded.' }).waitFor();
    expect((await api.get<Match>(`/matches/${amal.id}`)).acceptedBy).toEqual(['newcomer']);
    await page.getByText('The newcomer has accepted.').waitFor();
    await page.getByRole('button', { name: 'Key person accepts' }).click();
    await page.getByRole('status').filter({ hasText: 'Both accepted: the match is now active.' }).waitFor();
    expect((await api.get<Match>(`/matches/${amal.id}`)).status).toBe('accepted');
    await page.getByRole('heading', { level: 1, name: 'Match' }).waitFor();

    const end = page.getByRole('group', { name: 'End the match' });
    await end.getByLabel('Completed').check();
    await end.getByLabel('Reason or summary').fill('Found her way around; sessions finished.');
    await end.getByRole('button', { name: 'End match' }).click();
    await page.getByRole('dialog', { name: 'End this match?' }).getByRole('button', { name: 'Yes, end match' }).click();
    await page.getByRole('status').filter({ hasText: 'The match has ended: completed.' }).waitFor();
    expect(await api.get<Match>(`/matches/${amal.id}`)).toMatchObject({ status: 'ended', closing: { status: 'ended', outcome: 'completed', reason: 'Found her way around; sessions finished.' } });
    expect(errors).toEqual([]);
  });

  it('asks for the reason of a decline beside the field, confirms, and records it', async () => {
    const { page, errors } = await coordinatorPage();
    const hewan = await matchOf('Hewan Tesfaye');
    await page.goto(`/coordinator/matches/${hewan.id}`);
    await page.getByRole('button', { name: 'Approve proposal' }).click();
    await page.getByRole('status').filter({ hasText: 'Proposal approved' }).waitFor();

    const decline = page.getByRole('group', { name: 'Record a decline' });
    await decline.getByRole('button', { name: 'Record decline' }).click();
    await decline.getByText('Choose who declines.').waitFor();
    const reason = decline.getByLabel('Reason given');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    const described = (await reason.getAttribute('aria-describedby'))!.split(' ');
    expect(await page.locator(`[id="${described[1]}"]`).innerText()).toBe('Please give a reason.');
    expect((await api.get<Match>(`/matches/${hewan.id}`)).status).toBe('approved');

    await decline.getByLabel('Key person').check();
    await reason.fill('Moves to another city next month.');
    await decline.getByRole('button', { name: 'Record decline' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record this decline?' });
    await dialog.waitFor();
    // Cancelling records nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await api.get<Match>(`/matches/${hewan.id}`)).status).toBe('approved');
    await decline.getByRole('button', { name: 'Record decline' }).click();
    await dialog.waitFor();
    await expectAccessible(page, 'matching-decline-dialog');
    await dialog.getByRole('button', { name: 'Yes, record decline' }).click();
    await page.getByRole('status').filter({ hasText: 'The key person’s decline is recorded' }).waitFor();
    const declined = await api.get<Match>(`/matches/${hewan.id}`);
    expect(declined).toMatchObject({ status: 'declined', closing: { status: 'declined', party: 'key-person', reason: 'Moves to another city next month.' } });
    await page.getByText('Declined by the key person').waitFor();
    await page.getByText('This match is closed; nothing more can be decided.').waitFor();
    expect(errors).toEqual([]);
  });

  it('shows that someone else decided first (409) and the match as it is now', async () => {
    const { page, errors } = await coordinatorPage();
    const luwam = await matchOf('Luwam Berhe');
    await page.goto(`/coordinator/matches/${luwam.id}`);
    await page.getByRole('button', { name: 'Approve proposal' }).waitFor();
    await api.post(`/matches/${luwam.id}/reject`, { reason: 'Decided by a colleague by phone.' }).expect(200);
    // By keyboard: the button pressed goes with the state it belonged to, and the focus must not go with it.
    await page.getByRole('button', { name: 'Approve proposal' }).focus();
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert').filter({ hasText: 'Already decided.' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('The match is closed and can no longer change');
    await page.locator('.badge.rejected').waitFor();
    await page.getByText('Rejected by coordinator-anna').waitFor();
    await expectFocused(page.getByRole('heading', { level: 2, name: 'Decision' }));
    expect((await api.get<Match>(`/matches/${luwam.id}`)).status).toBe('rejected');
    expect(withoutRefusals(errors, [409])).toEqual([]);
  });

  it('starts a cohort run from the form, refusing bad parameters beside the field, and shows its progress and fairness', async () => {
    const { page, errors } = await coordinatorPage();
    await page.goto('/coordinator/cohort-runs');
    await page.getByRole('heading', { level: 1, name: 'Cohort runs' }).waitFor();
    await page.getByText('No cohort runs yet.').waitFor();
    const loadCost = page.getByLabel('Load cost');
    expect(await loadCost.inputValue()).toBe('0.05');
    expect(await page.locator('#matching-run-loadCost-hint').innerText()).toContain('Default 0.05; from 0 to 1.');

    await loadCost.fill('-1');
    await page.getByRole('button', { name: 'Start cohort run' }).click();
    await page.locator('#matching-run-loadCost-error').waitFor();
    expect(await page.locator('#matching-run-loadCost-error').innerText()).toBe('must not be less than 0');
    expect(await loadCost.getAttribute('aria-invalid')).toBe('true');
    expect(await loadCost.getAttribute('aria-describedby')).toContain('matching-run-loadCost-error');
    expect(await page.locator('#matching-run-waitingBonusPerDay-error').count()).toBe(0);
    expect((await api.get<{ items: Run[] }>('/cohort-runs')).items).toEqual([]);

    // The waiting bonus must be more than 0 (nobody waits forever): said in the hint, and beside the field when 0 is sent.
    const bonus = page.getByLabel('Waiting bonus per day');
    expect(await page.locator('#matching-run-waitingBonusPerDay-hint').innerText()).toContain('Default 0.005; more than 0, at most 1.');
    await loadCost.fill('0.1');
    await bonus.fill('0');
    await page.getByRole('button', { name: 'Start cohort run' }).click();
    await page.locator('#matching-run-waitingBonusPerDay-error').waitFor();
    expect(await page.locator('#matching-run-waitingBonusPerDay-error').innerText()).toBe('must be more than 0');
    expect((await api.get<{ items: Run[] }>('/cohort-runs')).items).toEqual([]);
    await bonus.fill('0.005');

    await loadCost.fill('0.1');
    await page.getByRole('button', { name: 'Start cohort run' }).click();
    await page.waitForURL(/\/coordinator\/cohort-runs\/[0-9a-f-]{36}$/);
    const runId = page.url().split('/').pop()!;
    await page.getByRole('status').filter({ hasText: /The run is done/ }).waitFor({ timeout: 30_000 });
    const run = await api.get<Run>(`/cohort-runs/${runId}`);
    expect(run.status).toBe('done');
    expect(await page.getByLabel('Progress of the run').getAttribute('value')).toBe('1');
    expect(await page.locator('[data-figure="newcomers"] dd').innerText()).toBe(String(run.summary!.newcomers));

    // Who was left out, and why: Hodan (Somali) had nobody to meet the hard constraints.
    const unplaced = page.getByRole('region', { name: 'Not placed' });
    expect(run.unplaced!.map((u) => u.newcomerId)).toContain(ids['Hodan Ali']);
    const hodan = unplaced.locator(`tr[data-newcomer="${ids['Hodan Ali']}"]`);
    await hodan.getByRole('link', { name: 'Hodan Ali', exact: true }).waitFor();
    const hodanWhy = run.unplaced!.find((u) => u.newcomerId === ids['Hodan Ali'])!;
    expect(await hodan.locator('td').allInnerTexts()).toEqual([
      'Hodan Ali', 'No key person met the hard constraints', '0', '—', expect.stringMatching(/^[^;]+: \d+(; [^;]+: \d+)*$/),
    ]);
    expect(Object.values(hodanWhy.excluded!).reduce((sum, n) => sum + n, 0)).toBe(run.summary!.keyPersons);
    expect(await unplaced.locator('tbody tr').count()).toBe(run.unplaced!.length);

    // The fairness report: a chart per dimension, and a table with the API's figures.
    const byLanguage = page.getByRole('figure', { name: 'By language spoken best: a newcomer who speaks several equally well counts under each, so these groups overlap' });
    expect(await byLanguage.locator('svg').count()).toBe(2);
    const tableRows = await Promise.all((await byLanguage.locator('tbody tr').all()).map((tr) => tr.locator('th, td').allInnerTexts()));
    expect(tableRows).toEqual(run.fairness!.byLanguage.map((g) => [expect.stringContaining(`(${g.group})`), String(g.newcomers), String(g.matched), `${Math.round(g.matchRate * 100)}%`, expect.any(String), expect.any(String)]));
    expect(tableRows.map((cells) => cells[0])).toEqual(expect.arrayContaining(['Dari (prs)', 'Somali (som)']));
    // A completed run's figures count the proposals it made, and the page says so.
    expect((run.fairness as unknown as { basis: string }).basis).toBe('proposed');
    expect(await page.locator('[data-field="basis"]').innerText()).toBe('Matched counts the pairs this run proposed. Scores are those each pair was chosen for.');
    await page.getByRole('figure', { name: 'By gender' }).waitFor();
    await page.getByRole('figure', { name: 'By age' }).waitFor();
    await page.getByRole('figure', { name: 'How the work is spread over key persons' }).waitFor();
    await expectAccessible(page, 'matching-cohort-run');
    // In Dutch too.
    const dutch = await coordinatorPage('nl');
    await dutch.page.goto(`/coordinator/cohort-runs/${runId}`);
    await dutch.page.getByRole('region', { name: 'Niet geplaatst' }).getByText('Geen sleutelpersoon voldeed aan de harde voorwaarden').waitFor();
    await dutch.page.locator('[data-field="basis"]').getByText('Gekoppeld telt de paren die deze ronde heeft voorgesteld. De scores zijn die waarvoor elk paar gekozen is.').waitFor();

    // Nasrin is proposed to Farid by the run; the link shows the run's proposals in the queue.
    expect(run.summary!.proposed).toBeGreaterThan(0);
    await page.getByRole('link', { name: /View the \d+ proposals? of this run/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Proposals' }).waitFor();
    const nasrin = await matchOf('Nasrin Karimi');
    expect(nasrin.explanation.cohortRunId).toBe(runId);
    await row(page, nasrin.id).getByRole('link', { name: 'Nasrin Karimi', exact: true }).waitFor();
    expect(await row(page, nasrin.id).innerText()).toContain(`Cohort run ${runId.slice(0, 8)}`);
    expect(await page.locator('tbody tr[data-match-id]').count()).toBe(run.summary!.proposed);

    // And the run is in the list now.
    await page.goto('/coordinator/cohort-runs');
    await page.locator(`tr[data-run-id="${runId}"]`).waitFor();
    expect(withoutRefusals(errors, [400])).toEqual([]);
  });

  it('shows a decline recorded through the API without naming who declined', async () => {
    // Runs after the cohort run above, which proposed Nasrin to Farid.
    const nasrin = await matchOf('Nasrin Karimi');
    await api.post(`/matches/${nasrin.id}/decline`, { reason: 'Told the office by phone.' }).expect(200);
    const { page, errors } = await coordinatorPage();
    await page.goto(`/coordinator/matches/${nasrin.id}`);
    await page.getByText(/^Declined on .+ \(by whom was not recorded\): “Told the office by phone\.”$/).waitFor();
    const dutch = await coordinatorPage('nl');
    await dutch.page.goto(`/coordinator/matches/${nasrin.id}`);
    await dutch.page.getByText(/^Geweigerd op .+ \(door wie is niet vastgelegd\): ‘Told the office by phone\.’$/).waitFor();
    expect([...errors, ...dutch.errors]).toEqual([]);
  });

  it('says so where the explanation was erased with the key person\'s data, keeping the score', async () => {
    // Farid's match with Nasrin (declined above): erasing him seals the explanation's facts about him for good.
    const nasrin = await matchOf('Nasrin Karimi');
    await harness.api.http.post('/api/v1/erasures').set(as(harness.api.token('admin'))).send({ subjectType: 'key-person', subjectId: ids['Farid Ahmadi'] }).expect(200);
    expect((await api.get<{ explanation: object }>(`/matches/${nasrin.id}`)).explanation).toEqual({ erased: true });
    const { page, errors } = await coordinatorPage();
    await page.goto(`/coordinator/matches/${nasrin.id}`);
    const section = page.locator('section.matching-explanation');
    await section.getByText('The explanation was erased together with the personal data of the newcomer or the key person.', { exact: false }).waitFor();
    expect(await section.locator('table').count()).toBe(0);
    expect(await page.locator('body').innerText()).toContain(fixed(nasrin.score, 3));
    // The decline's reason was about both of them: erased too, and said so rather than shown as an empty quote.
    await page.getByText(/^Declined .+: the reason was erased together with the personal data of the newcomer or the key person$/).waitFor();
    const dutch = await coordinatorPage('nl');
    await dutch.page.goto(`/coordinator/matches/${nasrin.id}`);
    await dutch.page.getByText('De uitleg is gewist', { exact: false }).waitFor();
    await dutch.page.getByText(/^Geweigerd .+: de reden is gewist, samen met de persoonsgegevens van de nieuwkomer of de sleutelpersoon$/).waitFor();
    // The page asks for Farid by id to name him, and hears 410 Gone: the erased person is shown by id.
    expect(withoutRefusals([...errors, ...dutch.errors], [410])).toEqual([]);
  });

  it('says how many of a cohort run\'s newcomers were erased since, leaves them out of the fairness figures, and lists a left-out one without her reasons', async () => {
    // Hodan, the run's only Somali speaker, left out of it: her erasure takes her group out of the report.
    const [run] = (await api.get<{ items: Run[] }>('/cohort-runs')).items;
    const { page, errors } = await coordinatorPage();
    await page.goto(`/coordinator/cohort-runs/${run.id}`);
    const byLanguage = page.getByRole('figure', { name: 'By language spoken best: a newcomer who speaks several equally well counts under each, so these groups overlap' });
    await byLanguage.getByRole('rowheader', { name: 'Somali (som)' }).waitFor();
    expect(await page.locator('[data-field="erasedNewcomers"]').count()).toBe(0);

    await harness.api.http.post('/api/v1/erasures').set(as(harness.api.token('admin'))).send({ subjectType: 'newcomer', subjectId: ids['Hodan Ali'] }).expect(200);
    const after = await api.get<Run & { fairness: { erasedNewcomers: number } }>(`/cohort-runs/${run.id}`);
    expect(after.fairness.erasedNewcomers).toBe(1);
    await page.reload();
    await page.getByText('1 newcomer of this run was erased since: their data is gone, so they are in none of these figures.').waitFor();
    const languages = await byLanguage.locator('tbody th').allInnerTexts();
    expect(languages).toEqual(after.fairness.byLanguage.map((g) => expect.stringContaining(`(${g.group})`)));
    expect(languages).not.toContain('Somali (som)');
    // The list of those left out still has her, by id, but no longer why: her reasons were kept under her key.
    expect(after.unplaced!.find((u) => u.newcomerId === ids['Hodan Ali'])).toEqual({ newcomerId: ids['Hodan Ali'], reason: null, eligible: null, bestScore: null, excluded: null });
    const hodan = page.getByRole('region', { name: 'Not placed' }).locator(`tr[data-newcomer="${ids['Hodan Ali']}"]`);
    await hodan.getByText('Newcomer (data erased)').waitFor();
    expect(await hodan.locator('td').allInnerTexts()).toEqual(['Newcomer (data erased)', 'Erased since: why they were not placed was erased with their personal data', '—', '—', '—']);
    const dutch = await coordinatorPage('nl');
    await dutch.page.goto(`/coordinator/cohort-runs/${run.id}`);
    await dutch.page.getByText('1 nieuwkomer van deze ronde is sindsdien gewist', { exact: false }).waitFor();
    await dutch.page.getByRole('region', { name: 'Niet geplaatst' }).locator(`tr[data-newcomer="${ids['Hodan Ali']}"]`)
      .getByText('Sindsdien gewist: waarom deze nieuwkomer niet geplaatst is, is met de persoonsgegevens gewist').waitFor();
    // The page asks for her name and hears 410 Gone.
    expect(withoutRefusals([...errors, ...dutch.errors], [410])).toEqual([]);
  });

  it('says what the run scored a pair when the proposal, scored again with the run\'s earlier proposals in the load, scores lower', async () => {
    // Two Amharic speakers and one key person with places for both: whoever is proposed second finds her load one higher.
    const mekdes = (await api.post('/key-persons', keyPersonBody({ displayName: 'Mekdes Alemu', availability: evenings, languages: [{ code: 'amh', level: 'native' }], capacity: 3 })).expect(201)).body.id as string;
    for (const displayName of ['Tsion Bekele', 'Dawit Haile']) {
      const created = await harness.api.http.post('/api/v1/newcomers').set(as(intake))
        .send(newcomerBody({ displayName, availability: evenings, preferences: anyone, languages: [{ code: 'amh', level: 'native' }] })).expect(201);
      ids[displayName] = created.body.id;
    }
    const started = await api.post('/cohort-runs', {}).expect(202);
    await eventually(async () => (await api.get<Run>(`/cohort-runs/${started.body.id}`)).status === 'done', { what: 'the cohort run done', timeoutMs: 30_000 });
    const proposals = await Promise.all(['Tsion Bekele', 'Dawit Haile'].map((name) => matchOf(name)));
    type CohortMatch = Match & { score: number; explanation: { cohortScore: number } };
    const lower = (proposals as CohortMatch[]).find((m) => m.keyPersonId === mekdes && m.score < m.explanation.cohortScore - 0.001)!;
    expect(lower).toBeDefined();
    const { page, errors } = await coordinatorPage();
    await page.goto(`/coordinator/matches/${lower.id}`);
    await page.getByText(`The run scored the pair ${fixed(lower.explanation.cohortScore, 3)}, with the key person’s load before the run; scored again when proposed, with the run’s earlier proposals to them counted, it is ${fixed(lower.score, 3)}.`, { exact: false }).waitFor();
    const dutch = await coordinatorPage('nl');
    await dutch.page.goto(`/coordinator/matches/${lower.id}`);
    await dutch.page.getByText('De ronde gaf het paar', { exact: false }).waitFor();
    expect(withoutRefusals([...errors, ...dutch.errors], [])).toEqual([]);
  });
});

/**
 * Starting a cohort run while one over some of the same newcomers is running:
 * the API refuses with 409 and names that run to a user who may read it. The
 * matcher is off here, so the run started first stays running.
 */
describe('web console: a cohort run already running', () => {
  let harness: ConsoleHarness;
  let running: Run;

  beforeAll(async () => {
    harness = await startConsole();
    running = (await harness.api.http.post('/api/v1/cohort-runs').set('Authorization', `Bearer ${harness.api.token('coordinator', { sub: 'coordinator-bram' })}`)
      .send({}).expect(202)).body as Run;
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  const runs = async () => (await harness.api.http.get('/api/v1/cohort-runs').set('Authorization', `Bearer ${harness.api.token('coordinator')}`).expect(200)).body.items as Run[];
  const startFrom = async (page: Page, button: string) => {
    await page.goto('/coordinator/cohort-runs');
    await page.locator(`tr[data-run-id="${running.id}"]`).waitFor();
    await page.getByRole('button', { name: button }).click();
    return page.getByRole('alert').filter({ hasText: /A run is already going|Er loopt al een ronde/ });
  };

  it('says so in the page\'s language, with a link to the running run, and starts nothing', async () => {
    const { page, errors } = await harness.signedIn('coordinator', { sub: 'coordinator-anna' });
    const alert = await startFrom(page, 'Start cohort run');
    await expectText(alert, 'A run is already going. A cohort run over some of the same newcomers is still running. Start another once it is done.');
    await alert.getByRole('link', { name: 'Follow the running run' }).click();
    await page.waitForURL(new RegExp(`/coordinator/cohort-runs/${running.id}$`));
    expect((await runs()).map((run) => run.id)).toEqual([running.id]);

    const dutch = await harness.signedIn('coordinator', { sub: 'coordinator-anna', language: 'nl' });
    const dutchAlert = await startFrom(dutch.page, 'Cohortronde starten');
    await expectText(dutchAlert, 'Er loopt al een ronde. Er loopt nog een cohortronde over een deel van dezelfde nieuwkomers. Start een nieuwe zodra die klaar is.');
    await dutchAlert.getByRole('link', { name: 'Naar de lopende ronde' }).waitFor();
    expect((await runs()).map((run) => run.id)).toEqual([running.id]);
    expect(withoutRefusals(errors, [409], { exactlyOne: true })).toEqual([]);
    expect(withoutRefusals(dutch.errors, [409], { exactlyOne: true })).toEqual([]);
  });

  it('names no run, and links to none, for a coordinator the running run is outside the municipalities of', async () => {
    const { page, errors } = await harness.signedIn('coordinator', { sub: 'coordinator-amsterdam', municipalities: ['GM0363'] });
    await page.goto('/coordinator/cohort-runs');
    await page.getByText('No cohort runs yet.').waitFor();
    await page.getByRole('button', { name: 'Start cohort run' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'A run is already going.' });
    await expectText(alert, 'A run is already going. A cohort run over newcomers of your municipalities, and of others too, is still running. Start another once it is done.');
    expect(await alert.getByRole('link').count()).toBe(0);
    expect((await runs()).map((run) => run.id)).toEqual([running.id]);
    expect(withoutRefusals(errors, [409], { exactlyOne: true })).toEqual([]);
  });
});
