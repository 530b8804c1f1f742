import { keyPersonBody } from '../support/bodies';
import { ConsoleHarness, SignedInPage, startConsole } from '../support/browser';
import { choose, expectAccessible, expectFitsLaptop, expectText } from '../support/console-page';
import { eventually } from '../support/eventually';

/**
 * The journey of issue 8, each role in its own browser and each signing in
 * through the login page: an intake worker registers a newcomer through the
 * form; the matcher (in process) proposes a key person; a coordinator
 * approves that proposal from the queue; an auditor finds both the
 * registration and the approval, with who did them, in the newcomer's trail.
 */
jest.setTimeout(150_000);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('web console: intake → proposal → approval → audit trail', () => {
  let harness: ConsoleHarness;

  beforeAll(async () => {
    harness = await startConsole({ matcher: true });
    // The registry already holds the key person the newcomer will be proposed.
    await harness.api.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${harness.api.token('coordinator')}`).send(keyPersonBody()).expect(201);
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  /** A browser of its own for `sub`, signed in by pasting the token into the login page as a user would. */
  async function signIn(role: 'intake' | 'coordinator' | 'auditor', sub: string): Promise<SignedInPage> {
    const signed = await harness.anonymous('en');
    await signed.page.goto('/');
    await signed.page.waitForURL('**/login');
    await signed.page.getByLabel('Access token').fill(harness.api.token(role, { sub }));
    await signed.page.getByRole('button', { name: 'Sign in' }).click();
    await signed.page.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
    return signed;
  }

  it('an intake worker registers, a coordinator approves, an auditor sees both in the trail', async () => {
    // Intake: the form, by the menu.
    const intake = await signIn('intake', 'intake-amersfoort-2');
    await intake.page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Newcomers' }).click();
    await intake.page.getByRole('link', { name: 'Register a newcomer' }).click();
    await intake.page.getByRole('heading', { level: 1, name: 'Register a newcomer' }).waitFor();
    await intake.page.getByLabel('Name', { exact: true }).fill('Senait Kidane');
    await intake.page.getByLabel('Year of birth').fill('1994');
    await choose(intake.page, 'Municipality', 'Utrecht', 'Utrecht');
    await choose(intake.page, 'Language 1', 'Tigrinya', 'Tigrinya (tir)');
    await intake.page.getByLabel('Level of language 1').selectOption('native');
    await choose(intake.page, 'Country of origin', 'Eritr', 'Eritrea');
    await intake.page.getByRole('checkbox', { name: 'Health and care' }).check();
    // Tuesday evening, when the key person is free.
    for (const hour of ['18:00–19:00', '19:00–20:00', '20:00–21:00']) await intake.page.getByRole('button', { name: `Tuesday ${hour}` }).click();
    await expectAccessible(intake.page, 'journey-1-intake-form');
    await expectFitsLaptop(intake.page);
    await intake.page.getByRole('button', { name: 'Register newcomer' }).click();
    await intake.page.waitForURL(/\/intake\/newcomers\/[0-9a-f-]{36}$/);
    await expectText(intake.page.getByRole('status').filter({ hasText: 'is registered' }), 'Senait Kidane is registered.');
    const newcomerId = UUID.exec(intake.page.url())![0];
    expect(intake.errors).toEqual([]);

    // The matcher proposes Yonas, the only key person there is.
    const coordinatorToken = harness.api.token('coordinator');
    const proposal = await eventually(
      async () => {
        const { body } = await harness.api.http.get('/api/v1/matches').query({ status: 'proposed' }).set('Authorization', `Bearer ${coordinatorToken}`).expect(200);
        return (body.items as { id: string; newcomerId: string }[]).find((match) => match.newcomerId === newcomerId);
      },
      { timeoutMs: 30_000, what: 'a proposal for the newcomer registered through the form' },
    );

    // Coordinator: the queue, the proposal, approve.
    const coordinator = await signIn('coordinator', 'coordinator-anna');
    await coordinator.page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Proposals' }).click();
    await coordinator.page.getByRole('heading', { level: 1, name: 'Proposals' }).waitFor();
    await coordinator.page.getByRole('link', { name: 'Review proposal for Senait Kidane' }).click();
    await coordinator.page.getByRole('heading', { level: 2, name: 'Why this key person' }).waitFor();
    await expectAccessible(coordinator.page, 'journey-2-proposal');
    await expectFitsLaptop(coordinator.page);
    await coordinator.page.getByRole('button', { name: 'Approve proposal' }).click();
    await coordinator.page.getByRole('status').filter({ hasText: 'Proposal approved' }).waitFor();
    const approved = await harness.api.http.get(`/api/v1/matches/${proposal.id}`).set('Authorization', `Bearer ${coordinatorToken}`).expect(200);
    expect(approved.body).toMatchObject({ newcomerId, status: 'approved' });
    expect(coordinator.errors).toEqual([]);

    // Auditor: the trail, found through the form.
    const auditor = await signIn('auditor', 'auditor-ben');
    await auditor.page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Trails' }).click();
    await auditor.page.getByRole('radio', { name: 'Newcomer' }).check();
    await auditor.page.getByLabel('Id', { exact: true }).fill(newcomerId);
    await auditor.page.getByRole('button', { name: 'Show trail' }).click();
    await auditor.page.waitForURL(`**/audit/trails/newcomers/${newcomerId}`);
    const items = auditor.page.locator('ol.audit-timeline > li');
    await items.first().waitFor();
    const texts = await items.allInnerTexts();
    const registered = texts.findIndex((text) => text.includes('Registered'));
    const proposed = texts.findIndex((text) => text.includes('Proposal made'));
    const approval = texts.findIndex((text) => text.includes('Approved'));
    expect(registered).toBe(0);
    expect(proposed).toBeGreaterThan(registered);
    expect(approval).toBeGreaterThan(proposed);
    expect(texts[registered]).toContain('by intake-amersfoort-2 (intake)');
    expect(texts[approval]).toContain('by coordinator-anna (coordinator)');
    await expectAccessible(auditor.page, 'journey-3-trail');
    await expectFitsLaptop(auditor.page);
    expect(auditor.errors).toEqual([]);
  });
});
