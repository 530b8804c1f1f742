import { useTranslation } from 'react-i18next';
import { componentLabel } from '../matching/explanation-words';
import { ExplanationComponent, ProposalExplanation, storedExplanationOf } from './audit.types';
import { formatExact, formatScore } from './format';

/** Each component's contribution as stored and as computed again, and the total: equal means bit for bit. */
export function ScoreComparison({ proposal }: { proposal: ProposalExplanation }) {
  const { t, i18n } = useTranslation('audit');
  const stored = storedExplanationOf(proposal).components ?? [];
  const reproduced = proposal.reproduction.components ?? [];
  const names = [...new Set([...stored.map((c) => c.name), ...reproduced.map((c) => c.name)])];
  const byName = (list: readonly ExplanationComponent[], name: string) => list.find((component) => component.name === name);
  return (
    <table className="table audit-compare">
      <caption className="audit-caption">{t('compare.scoreCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('compare.component')}</th>
          <th scope="col" className="number">
            {t('compare.weight')}
          </th>
          <th scope="col" className="number">
            {t('compare.stored')}
          </th>
          <th scope="col" className="number">
            {t('compare.reproduced')}
          </th>
          <th scope="col">{t('compare.result')}</th>
        </tr>
      </thead>
      <tbody>
        {names.map((name) => {
          const a = byName(stored, name);
          const b = byName(reproduced, name);
          return (
            <tr key={name}>
              <th scope="row">{componentLabel(name, t)}</th>
              <td className="number">{a !== undefined || b !== undefined ? formatExact((a ?? b)!.weight, i18n.language) : '—'}</td>
              <td className="number">{formatScore(a?.contribution, i18n.language)}</td>
              <td className="number">{formatScore(b?.contribution, i18n.language)}</td>
              <td>
                <Same equal={a !== undefined && b !== undefined && a.contribution === b.contribution} />
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('compare.total')}</th>
          <td />
          <td className="number">
            <strong>{formatScore(proposal.score, i18n.language)}</strong>
          </td>
          <td className="number">
            <strong>{formatScore(proposal.reproduction.score, i18n.language)}</strong>
          </td>
          <td>
            <Same equal={proposal.reproduction.scoreEqual} />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** "equal" or "differs" in words with a colour, never colour alone. */
export function Same({ equal }: { equal: boolean }) {
  const { t } = useTranslation('audit');
  return <span className={`badge ${equal ? 'audit-same' : 'audit-differs'}`}>{equal ? t('compare.equal') : t('compare.differs')}</span>;
}
