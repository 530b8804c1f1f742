import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { Page } from '../app/ui';
import { isUuid, TRAIL_KINDS, TrailKind, trailPath } from './subjects';
import { TextField } from './TextField';

/** `/audit/trails`: which subject to follow — a newcomer, a key person or a match — by its id. */
export function TrailLookupPage() {
  const { t } = useTranslation('audit');
  const navigate = useNavigate();
  const [kind, setKind] = useState<TrailKind>('newcomers');
  const [id, setId] = useState('');
  /** The key of the message beside the field: said in the page's language, also after a switch. */
  const [error, setError] = useState<'lookup.idRequired' | 'lookup.idFormat' | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = id.trim().toLowerCase();
    if (!trimmed) return setError('lookup.idRequired');
    if (!isUuid(trimmed)) return setError('lookup.idFormat');
    setError(null);
    navigate(trailPath(kind, trimmed));
  }

  return (
    <Page title={t('lookup.title')}>
      <p className="audit-intro">{t('lookup.intro')}</p>
      <form onSubmit={submit} noValidate className="audit-lookup">
        <fieldset>
          <legend>{t('lookup.kind')}</legend>
          <div className="audit-radios">
            {TRAIL_KINDS.map((option) => (
              <label key={option} className="audit-radio">
                <input type="radio" name="kind" value={option} checked={kind === option} onChange={() => setKind(option)} />
                {t(`kinds.${option}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <TextField
          id="audit-subject-id"
          name="id"
          className="audit-id-input"
          label={t('lookup.id')}
          hint={t('lookup.idHint')}
          value={id}
          onChange={setId}
          messages={error ? [t(error)] : undefined}
          verbatim
          required
        />
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('lookup.submit')}
          </button>
          <Link to="/audit/events">{t('lookup.browseLog')}</Link>
        </div>
      </form>
    </Page>
  );
}
