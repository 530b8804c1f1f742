import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ExplanationBreakdown } from '../matching/ExplanationBreakdown';
import type { Explanation } from '../matching/match-types';
import type { StoredExplanation as Stored } from './audit.types';
import { shortId } from './format';
import { trailPath } from './subjects';

/** The explanation as the proposal stored it, read the way coordinators read it, with alternatives leading to their trails. */
export function StoredExplanation({ explanation }: { explanation: Stored }) {
  const { t } = useTranslation('audit');
  return (
    <ExplanationBreakdown
      explanation={explanation as Explanation}
      headingLevel={3}
      renderKeyPerson={(id) => (
        <Link to={trailPath('key-persons', id)} title={id}>
          <code>{shortId(id)}</code>
          <span className="visually-hidden"> {t('data.openTrail')}</span>
        </Link>
      )}
    />
  );
}
