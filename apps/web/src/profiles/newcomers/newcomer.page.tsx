/**
 * `/intake/newcomers/:id`: one newcomer, readable (names for codes), with its
 * record (id, status, revision), its proposals and matches, and for intake
 * workers the way to edit, withdraw or ask for matching again.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, isStale } from '../../app/api';
import { useApi, useSession } from '../../app/session';
import { BusyButton, formatDateTime, Loading, Page, ProblemAlert, useHeadingAfterChange, useLoad } from '../../app/ui';
import { ConfirmDialog } from '../fields/confirm-dialog';
import { CopyId } from '../fields/copy-id';
import { MatchSummary, NewcomerView, Page as ListPage } from '../model/profile.types';
import { Notice, useNotice } from '../view/notice';
import { AvailabilityText, CodeName, Fact, LanguagesText, ProfileCard } from '../view/profile-parts';
import { ErasedNotice } from '../view/erased-notice';
import { NewcomerMatchingCard } from './newcomer-matching';
import { StatusBadge } from '../view/status-badge';
import { CLOSED_BY_WITHDRAWAL, OPEN_MATCH_STATUSES, SubjectMatches } from '../view/subject-matches';

export function NewcomerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('profiles');
  const api = useApi();
  const loaded = useLoad(() => api.get<NewcomerView>(`/newcomers/${encodeURIComponent(id)}`), [api, id]);
  const [notice, setNotice] = useNotice();

  if (loaded.error instanceof ApiError && loaded.error.status === 410) return <ErasedNotice title={t('newcomers.view.erasedTitle')} backTo="/intake/newcomers" id={id} />;
  if (loaded.error) {
    return (
      <Page title={t('newcomers.view.unavailable')}>
        <ProblemAlert error={loaded.error} onRetry={loaded.reload} />
        <Link to="/intake/newcomers">{t('newcomers.view.back')}</Link>
      </Page>
    );
  }
  const newcomer = loaded.data?.body;
  if (!newcomer) return <Loading />;
  return <NewcomerProfile newcomer={newcomer} notice={notice} onChanged={(text) => { setNotice(text); loaded.reload(); }} onStale={loaded.reload} />;
}

function NewcomerProfile({ newcomer, notice, onChanged, onStale }: { newcomer: NewcomerView; notice: string | null; onChanged(notice: string): void; onStale(): void }) {
  const { t, i18n } = useTranslation('profiles');
  const { has } = useSession();
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const focusHeadingOnceShown = useHeadingAfterChange(newcomer);
  const active = newcomer.status === 'active';
  // Asked again whenever the newcomer is read again (after an action, or a refusal that says they changed).
  const openMatch = useLoad(
    () => Promise.all(OPEN_MATCH_STATUSES.map((status) => api.get<ListPage<MatchSummary>>(`/matches?${new URLSearchParams({ newcomerId: newcomer.id, status, limit: '1' })}`)))
      .then((pages) => pages.some(({ body }) => body.items.length > 0)),
    [api, newcomer],
  );
  // Offered only once it is known that no proposal or match is open (the API refuses a request then); when
  // that could not be read, offered all the same, and the API judges. While read again, the last answer holds.
  const mayRequestMatching = active && (openMatch.data === undefined ? Boolean(openMatch.error) : !openMatch.data);
  const preferences = newcomer.preferences ?? {};

  async function act(run: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    try {
      await run();
      setConfirming(false);
      focusHeadingOnceShown();
      onChanged(done);
    } catch (failure) {
      setError(failure);
      if (isStale(failure)) {
        // Someone else withdrew the newcomer first: said on the page, read again, so that it
        // shows their status now and offers only what the API still allows.
        setConfirming(false);
        focusHeadingOnceShown();
        onStale();
      }
      // Otherwise said in the dialog while it is open, which keeps the reason typed.
    } finally {
      setBusy(false);
    }
  }

  const actions = (
    <>
      {active && has('intake') ? <Link className="button" to={`/intake/newcomers/${newcomer.id}/edit`}>{t('view.edit')}</Link> : null}
      {mayRequestMatching && (has('intake') || has('coordinator')) ? (
        <BusyButton busy={busy} onClick={() => void act(() => api.post(`/newcomers/${newcomer.id}/match-requests`, {}), t('newcomers.view.matchRequested'))}>
          {t('newcomers.view.requestMatching')}
        </BusyButton>
      ) : null}
      {active && has('intake') ? (
        <button type="button" className="danger" onClick={() => { setError(null); setConfirming(true); }}>
          {t('newcomers.view.withdraw')}
        </button>
      ) : null}
    </>
  );

  return (
    <Page title={newcomer.displayName ?? newcomer.id} actions={actions}>
      <Notice text={notice} />
      <ProblemAlert error={confirming ? null : error} />
      <div className="profiles-cards">
        <ProfileCard title={t('sections.record')} wide>
          <Fact label={t('fields.status')}><StatusBadge status={newcomer.status} /></Fact>
          <Fact label={t('fields.id')}><CopyId id={newcomer.id} /></Fact>
          <Fact label={t('fields.revision')}>{String(newcomer.revision)}</Fact>
          <Fact label={t('fields.registeredAt')}>{formatDateTime(newcomer.registeredAt, i18n.language)}</Fact>
          {newcomer.withdrawnAt ? <Fact label={t('fields.withdrawnAt')}>{formatDateTime(newcomer.withdrawnAt, i18n.language)}</Fact> : null}
        </ProfileCard>
        <NewcomerMatchingCard matching={newcomer.matching} />
        <ProfileCard title={t('sections.personal')}>
          <Fact label={t('fields.displayName')}>{newcomer.displayName}</Fact>
          <Fact label={t('fields.birthYear')}>{newcomer.birthYear === undefined ? '' : String(newcomer.birthYear)}</Fact>
          <Fact label={t('fields.gender')}>{newcomer.gender ? t(`genders.${newcomer.gender}`) : t('form.notStated')}</Fact>
        </ProfileCard>
        <ProfileCard title={t('sections.contact')}>
          <Fact label={t('fields.phone')}>{newcomer.contact?.phone}</Fact>
          <Fact label={t('fields.email')}>{newcomer.contact?.email}</Fact>
        </ProfileCard>
        <ProfileCard title={t('sections.residence')}>
          <Fact label={t('fields.municipality')}><CodeName kind="municipalities" code={newcomer.municipality} /></Fact>
          <Fact label={t('fields.postcodeArea')}>{newcomer.postcodeArea}</Fact>
        </ProfileCard>
        <ProfileCard title={t('sections.languagesOrigin')}>
          <Fact label={t('fields.languages')}><LanguagesText languages={newcomer.languages} /></Fact>
          <Fact label={t('fields.country')}><CodeName kind="countries" code={newcomer.origin?.country} /></Fact>
        </ProfileCard>
        <ProfileCard title={t('fields.needs')}>
          <Fact label={t('fields.needs')} hideLabel>
            {newcomer.needs && newcomer.needs.length > 0 ? (
              <ul className="profiles-plain-list">
                {[...newcomer.needs].sort((a, b) => a.priority - b.priority).map((need) => (
                  <li key={need.topic}>{t('view.need', { topic: t(`topics.${need.topic}`), priority: need.priority })}</li>
                ))}
              </ul>
            ) : null}
          </Fact>
        </ProfileCard>
        <ProfileCard title={t('fields.availability')}>
          <Fact label={t('fields.availability')} hideLabel><AvailabilityText availability={newcomer.availability} /></Fact>
        </ProfileCard>
        <ProfileCard title={t('sections.preferences')}>
          <Fact label={t('fields.keyPersonGender')}>
            {t(`genderPreferences.${preferences.keyPersonGender ?? 'any'}`)}
            {preferences.genderRequired ? ` (${t('view.required')})` : ''}
          </Fact>
          <Fact label={t('fields.sameOrigin')}>{t(`sameOrigin.${preferences.sameOrigin ?? 'no-preference'}`)}</Fact>
          <Fact label={t('fields.remoteOk')}>{preferences.remoteOk ? t('common:yes') : t('common:no')}</Fact>
        </ProfileCard>
        <ProfileCard title={t('sections.other')} wide>
          <Fact label={t('fields.doNotMatch')}>
            {newcomer.doNotMatch && newcomer.doNotMatch.length > 0 ? (
              <ul className="profiles-plain-list">
                {newcomer.doNotMatch.map((keyPersonId) => (
                  <li key={keyPersonId}>{has('coordinator') ? <Link to={`/coordinator/key-persons/${keyPersonId}`}>{keyPersonId}</Link> : <code>{keyPersonId}</code>}</li>
                ))}
              </ul>
            ) : null}
          </Fact>
          <Fact label={t('fields.notes')}>{newcomer.notes ? <span className="profiles-notes">{newcomer.notes}</span> : null}</Fact>
        </ProfileCard>
      </div>
      <SubjectMatches
        query={{ newcomerId: newcomer.id }}
        counterpart="keyPerson"
        revision={newcomer.revision}
        closing={newcomer.status === 'withdrawn' ? CLOSED_BY_WITHDRAWAL : []}
      />
      <ConfirmDialog
        open={confirming}
        title={t('newcomers.view.withdrawTitle', { name: newcomer.displayName })}
        confirmLabel={t('newcomers.view.withdrawConfirm')}
        danger
        withReason
        busy={busy}
        error={confirming ? error : null}
        onCancel={() => { setError(null); setConfirming(false); }}
        onConfirm={(reason) => void act(() => api.post(`/newcomers/${newcomer.id}/withdraw`, { reason: reason || null }), t('newcomers.view.withdrawn'))}
      >
        <p>{t('newcomers.view.withdrawExplain')}</p>
      </ConfirmDialog>
    </Page>
  );
}
