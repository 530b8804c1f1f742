/**
 * Where a newcomer stands in matching (`matching` of `GET /newcomers/{id}`):
 * waiting since when, and why nobody was proposed yet — the matcher's last
 * look that found nobody, with how many key persons each hard constraint
 * excluded (SPEC §5), so a coordinator knows whom to recruit or what to ask.
 */
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../app/ui';
import { exclusionLabel, exclusionsWithCount } from '../../matching/explanation-words';
import { NewcomerMatching } from '../model/profile.types';
import { Fact, ProfileCard } from '../view/profile-parts';

export function NewcomerMatchingCard({ matching }: { matching: NewcomerMatching | undefined }) {
  const { t, i18n } = useTranslation('profiles');
  // Withdrawn (or an API from before 2026-12-02, which did not say): nothing to tell.
  if (matching === undefined || matching.state === 'not-matching') return null;
  const lang = i18n.language;
  const deferral = matching.state === 'waiting' ? matching.lastDeferral : null;
  const reasons = deferral ? exclusionsWithCount(deferral.excluded) : [];
  return (
    <ProfileCard title={t('matchingState.title')} wide>
      <Fact label={t('matchingState.now')}>{t(`matchingState.states.${matching.state}`)}</Fact>
      {matching.waitingSince ? <Fact label={t('fields.waitingSince')}>{formatDateTime(matching.waitingSince, lang)}</Fact> : null}
      {matching.state === 'waiting' ? (
        <Fact label={t('matchingState.lastLook')}>
          {deferral
            ? t('matchingState.nobodyFitted', {
              count: deferral.considered, at: formatDateTime(deferral.deferredAt, lang), considered: formatNumber(deferral.considered, lang, 0), version: deferral.policyVersion,
            })
            : t('matchingState.noLookRecorded')}
        </Fact>
      ) : null}
      {reasons.length > 0 ? (
        <Fact label={t('matchingState.excluded')}>
          <ul className="profiles-plain-list">
            {reasons.map((reason) => (
              <li key={reason} data-reason={reason}>{`${exclusionLabel(reason, t)}: ${formatNumber(deferral!.excluded[reason], lang, 0)}`}</li>
            ))}
          </ul>
        </Fact>
      ) : null}
    </ProfileCard>
  );
}
