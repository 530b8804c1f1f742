/**
 * `/coordinator/key-persons/:id`: one key person, readable, with record,
 * commitment and matches; edit, and pause / resume / retire.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, isStale } from '../../app/api';
import { useApi } from '../../app/session';
import { BusyButton, formatDateTime, formatNumber, Loading, Page, ProblemAlert, useHeadingAfterChange, useLoad } from '../../app/ui';
import { ConfirmDialog } from '../fields/confirm-dialog';
import { CopyId } from '../fields/copy-id';
import { KeyPersonView } from '../model/profile.types';
import { ErasedNotice } from '../view/erased-notice';
import { Notice, useNotice } from '../view/notice';
import { AvailabilityText, CodeName, Fact, LanguagesText, ProfileCard } from '../view/profile-parts';
import { StatusBadge } from '../view/status-badge';
import { CLOSED_BY_RETIREMENT, SubjectMatches } from '../view/subject-matches';

type Transition = 'pause' | 'resume' | 'retire';

export function KeyPersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('profiles');
  const api = useApi();
  const loaded = useLoad(() => api.get<KeyPersonView>(`/key-persons/${encodeURIComponent(id)}`), [api, id]);
  const [notice, setNotice] = useNotice();

  if (loaded.error instanceof ApiError && loaded.error.status === 410) return <ErasedNotice title={t('keyPersons.view.erasedTitle')} backTo="/coordinator/key-persons" id={id} />;
  if (loaded.error) {
    return (
      <Page title={t('keyPersons.view.unavailable')}>
        <ProblemAlert error={loaded.error} onRetry={loaded.reload} />
        <Link to="/coordinator/key-persons">{t('view.backToList')}</Link>
      </Page>
    );
  }
  const person = loaded.data?.body;
  if (!person) return <Loading />;
  return <KeyPersonProfile person={person} notice={notice} onChanged={(text) => { setNotice(text); loaded.reload(); }} onStale={loaded.reload} />;
}

function KeyPersonProfile({ person, notice, onChanged, onStale }: { person: KeyPersonView; notice: string | null; onChanged(notice: string): void; onStale(): void }) {
  const { t, i18n } = useTranslation('profiles');
  const api = useApi();
  const [confirming, setConfirming] = useState<Transition | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const focusHeadingOnceShown = useHeadingAfterChange(person);

  async function transition(kind: Transition, reason?: string) {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/key-persons/${person.id}/${kind}`, kind === 'resume' ? {} : { reason: reason || null });
      setConfirming(null);
      focusHeadingOnceShown();
      onChanged(t(`keyPersons.view.${kind}d`));
    } catch (failure) {
      setError(failure);
      if (isStale(failure)) {
        // Someone else retired, paused or resumed them first: said on the page, read again, so that it
        // shows their status now and offers only what the API still allows.
        setConfirming(null);
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
      {person.status !== 'retired' ? <Link className="button" to={`/coordinator/key-persons/${person.id}/edit`}>{t('view.edit')}</Link> : null}
      {person.status === 'active' ? <button type="button" onClick={() => { setError(null); setConfirming('pause'); }}>{t('keyPersons.view.pause')}</button> : null}
      {person.status === 'paused' ? (
        <BusyButton busy={busy} onClick={() => void transition('resume')}>
          {t('keyPersons.view.resume')}
        </BusyButton>
      ) : null}
      {person.status !== 'retired' ? (
        <button type="button" className="danger" onClick={() => { setError(null); setConfirming('retire'); }}>
          {t('keyPersons.view.retire')}
        </button>
      ) : null}
    </>
  );

  return (
    <Page title={person.displayName ?? person.id} actions={actions}>
      <Notice text={notice} />
      <ProblemAlert error={confirming ? null : error} />
      <div className="profiles-cards">
        <ProfileCard title={t('sections.record')} wide>
          <Fact label={t('fields.status')}><StatusBadge status={person.status} /></Fact>
          <Fact label={t('fields.id')}><CopyId id={person.id} /></Fact>
          <Fact label={t('fields.revision')}>{String(person.revision)}</Fact>
          <Fact label={t('fields.registeredAt')}>{formatDateTime(person.registeredAt, i18n.language)}</Fact>
        </ProfileCard>
        <ProfileCard title={t('sections.personal')}>
          <Fact label={t('fields.displayName')}>{person.displayName}</Fact>
          <Fact label={t('fields.gender')}>{person.gender ? t(`genders.${person.gender}`) : ''}</Fact>
        </ProfileCard>
        <ProfileCard title={t('sections.contact')}>
          <Fact label={t('fields.phone')}>{person.contact?.phone}</Fact>
          <Fact label={t('fields.email')}>{person.contact?.email}</Fact>
        </ProfileCard>
        <ProfileCard title={t('sections.residenceTravel')}>
          <Fact label={t('fields.municipality')}><CodeName kind="municipalities" code={person.municipality} /></Fact>
          <Fact label={t('fields.postcodeArea')}>{person.postcodeArea}</Fact>
          <Fact label={t('fields.travelRadiusKm')}>
            {person.remoteOnly ? t('view.remoteOnly') : t('view.km', { km: formatNumber(person.travelRadiusKm, i18n.language, 1) })}
          </Fact>
        </ProfileCard>
        <ProfileCard title={t('sections.commitment')}>
          <Fact label={t('fields.capacity')}>{person.capacity === undefined ? '' : t('view.capacity', { count: person.capacity })}</Fact>
          {person.placesTaken === undefined || person.capacity === undefined ? null : (
            <Fact label={t('fields.placesTaken')}>
              {t('view.placesTaken', { count: person.placesTaken, taken: person.placesTaken, free: Math.max(0, person.capacity - person.placesTaken) })}
            </Fact>
          )}
          <Fact label={t('fields.maxHoursPerMonth')}>{person.maxHoursPerMonth === undefined ? '' : formatNumber(person.maxHoursPerMonth, i18n.language, 2)}</Fact>
          <Fact label={t('fields.engagement')}>{person.engagement ? t(`engagements.${person.engagement}`) : ''}</Fact>
        </ProfileCard>
        <ProfileCard title={t('sections.languagesOrigin')}>
          <Fact label={t('fields.languages')}><LanguagesText languages={person.languages} /></Fact>
          <Fact label={t('fields.country')}><CodeName kind="countries" code={person.origin?.country} /></Fact>
        </ProfileCard>
        <ProfileCard title={t('fields.expertise')}>
          <Fact label={t('fields.expertise')} hideLabel>
            {person.expertise && person.expertise.length > 0 ? (
              <ul className="profiles-plain-list">
                {person.expertise.map((topic) => (
                  <li key={topic}>{t(`topics.${topic}`)}</li>
                ))}
              </ul>
            ) : null}
          </Fact>
        </ProfileCard>
        <ProfileCard title={t('fields.availability')} wide>
          <Fact label={t('fields.availability')} hideLabel><AvailabilityText availability={person.availability} /></Fact>
        </ProfileCard>
      </div>
      <SubjectMatches
        query={{ keyPersonId: person.id }}
        counterpart="newcomer"
        revision={person.revision}
        closing={person.status === 'retired' || person.status === 'paused' ? CLOSED_BY_RETIREMENT : []}
      />
      <ConfirmDialog
        open={confirming === 'pause' || confirming === 'retire'}
        title={confirming === 'retire' ? t('keyPersons.view.retireTitle', { name: person.displayName }) : t('keyPersons.view.pauseTitle', { name: person.displayName })}
        confirmLabel={confirming === 'retire' ? t('keyPersons.view.retireConfirm') : t('keyPersons.view.pauseConfirm')}
        danger={confirming === 'retire'}
        withReason
        busy={busy}
        error={confirming ? error : null}
        onCancel={() => { setError(null); setConfirming(null); }}
        onConfirm={(reason) => confirming && void transition(confirming, reason)}
      >
        <p>{confirming === 'retire' ? t('keyPersons.view.retireExplain') : t('keyPersons.view.pauseExplain')}</p>
      </ConfirmDialog>
    </Page>
  );
}
