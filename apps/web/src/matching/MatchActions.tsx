import { FormEvent, ReactNode, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../app/api';
import { useApi } from '../app/session';
import { BusyButton, FieldMessages, formatDateTime, ProblemAlert } from '../app/ui';
import { localizedProblemDetail } from '../app/violation-text';
import { ConfirmDialog } from './ConfirmDialog';
import { Match, MATCH_END_OUTCOMES, MATCH_PARTIES, MatchEndOutcome, MatchParty } from './match-types';

type Action =
  | { readonly kind: 'approve' }
  | { readonly kind: 'reject'; readonly reason: string }
  | { readonly kind: 'accept'; readonly party: MatchParty }
  | { readonly kind: 'decline'; readonly party: MatchParty; readonly reason: string }
  | { readonly kind: 'end'; readonly outcome: MatchEndOutcome; readonly reason: string };

type FormName = 'reject' | 'decline' | 'end';

/** The refusals (409) that mean another coordinator decided on the match first; the others have another cause, said as the API says it. */
const DECIDED_BY_SOMEONE_ELSE: ReadonlySet<string> = new Set(['MATCH.CLOSED', 'MATCH.NOT_APPROVED', 'MATCH.NOT_ACCEPTED', 'MATCH.ALREADY_ACCEPTED']);

const bodyOf = (action: Action): Record<string, string> | undefined => {
  switch (action.kind) {
    case 'approve':
      return undefined;
    case 'reject':
      return { reason: action.reason };
    case 'accept':
      return { party: action.party };
    case 'decline':
      return { party: action.party, reason: action.reason };
    case 'end':
      return { outcome: action.outcome, reason: action.reason };
  }
};

/**
 * What a coordinator can do with a match now, as the API allows it (SPEC §4):
 * approve or reject a proposal; record each party's acceptance or a decline
 * with its reason; end an accepted match. Rejecting, declining and ending ask
 * first. The answer is announced (role=status) and the match shown anew; a
 * refusal (409: someone else decided first) is shown with the current state.
 */
export function MatchActions({ match, onChanged }: { match: Match; onChanged: () => void }) {
  const { t, i18n } = useTranslation('matching');
  const api = useApi();
  const heading = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState('');
  const [problem, setProblem] = useState<{ error: unknown; form: FormName | null } | null>(null);
  /** What a form left unsent lacks, as message keys: said in the page's language, also after a switch. */
  const [missing, setMissing] = useState<Partial<Record<string, string>>>({});
  const [pending, setPending] = useState<Action | null>(null);
  const [rejectReason, setRejectReason] = useState('');
  const [declineParty, setDeclineParty] = useState<MatchParty | ''>('');
  const [declineReason, setDeclineReason] = useState('');
  const [endOutcome, setEndOutcome] = useState<MatchEndOutcome | ''>('');
  const [endReason, setEndReason] = useState('');
  const ids = useId();
  const idOf = (name: string) => `${ids}-${name}`;

  async function run(action: Action) {
    setPending(null);
    setBusy(true);
    setProblem(null);
    // What was missing from a form left unsent no longer applies once another decision is made.
    setMissing({});
    setResult('');
    try {
      const { body } = await api.post<Match>(`/matches/${match.id}/${action.kind}`, bodyOf(action));
      setResult(resultText(action, body));
      if (action.kind === 'reject') setRejectReason('');
      if (action.kind === 'decline') setDeclineReason('');
      if (action.kind === 'end') setEndReason('');
      heading.current?.focus();
      onChanged();
    } catch (error) {
      setProblem({ error, form: action.kind === 'reject' || action.kind === 'decline' || action.kind === 'end' ? action.kind : null });
      // Someone else decided first: show the match as it is now.
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) onChanged();
      // Where the refusal is said, as after a success: the button pressed may be gone with the state it belonged to.
      heading.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  function resultText(action: Action, after: Match): string {
    switch (action.kind) {
      case 'approve':
        return t('actions.result.approved');
      case 'reject':
        return t('actions.result.rejected');
      case 'accept':
        return after.status === 'accepted' ? t('actions.result.acceptedBoth') : t(`actions.result.accepted.${action.party}`);
      case 'decline':
        return t(`actions.result.declined.${action.party}`);
      case 'end':
        return t(`actions.result.ended.${action.outcome}`);
    }
  }

  /** Checks what the API would refuse anyway, so the message appears at once beside the field. */
  function ask(event: FormEvent, form: FormName, action: Action | null, required: Record<string, boolean>) {
    event.preventDefault();
    const next: Record<string, string> = {};
    for (const [field, present] of Object.entries(required)) if (!present) next[`${form}.${field}`] = `actions.required.${field}`;
    setMissing(next);
    setProblem(null);
    const first = Object.keys(next)[0];
    if (first) {
      document.getElementById(idOf(first.replace('.', '-')))?.focus();
      return;
    }
    if (action) setPending(action);
  }

  const apiMessages = (form: FormName, field: string): string[] | undefined => {
    if (!problem || problem.form !== form) return undefined;
    return fieldErrors(problem.error, i18n.language)[field];
  };
  const messagesFor = (form: FormName, field: string): string[] | undefined => {
    const own = missing[`${form}.${field}`];
    const fromApi = apiMessages(form, field);
    const all = [...(own ? [t(own)] : []), ...(fromApi ?? [])];
    return all.length ? all : undefined;
  };
  const fieldProps = (form: FormName, field: string) => {
    const messages = messagesFor(form, field);
    return {
      id: idOf(`${form}-${field}`),
      'aria-invalid': messages ? true : undefined,
      'aria-describedby': [`${idOf(`${form}-${field}`)}-hint`, messages ? `${idOf(`${form}-${field}`)}-error` : ''].filter(Boolean).join(' '),
    } as const;
  };

  const reasonField = (form: FormName, value: string, set: (value: string) => void, label: string) => {
    const props = fieldProps(form, 'reason');
    return (
      <div className="field">
        <label htmlFor={props.id}>{label}</label>
        <span className="field-hint" id={`${props.id}-hint`}>
          {t('actions.reasonHint')}
        </span>
        <textarea {...props} rows={3} maxLength={1000} value={value} onChange={(event) => set(event.target.value)} required />
        <FieldMessages id={`${props.id}-error`} messages={messagesFor(form, 'reason')} />
      </div>
    );
  };

  const radios = <V extends string>(form: FormName, field: string, legend: string, options: readonly V[], value: V | '', set: (value: V) => void, label: (option: V) => string) => {
    const messages = messagesFor(form, field);
    const groupId = idOf(`${form}-${field}`);
    return (
      <fieldset className="matching-radios" aria-describedby={messages ? `${groupId}-error` : undefined}>
        <legend>{legend}</legend>
        {options.map((option, index) => (
          <label key={option} className="matching-radio">
            <input
              type="radio"
              name={groupId}
              id={index === 0 ? groupId : undefined}
              value={option}
              checked={value === option}
              onChange={() => set(option)}
              aria-invalid={messages ? true : undefined}
            />{' '}
            {label(option)}
          </label>
        ))}
        <FieldMessages id={`${groupId}-error`} messages={messages} />
      </fieldset>
    );
  };

  const status = match.status;
  const waitingParties = MATCH_PARTIES.filter((party) => !match.acceptedBy.includes(party));
  let body: ReactNode;
  if (status === 'proposed') {
    body = (
      <>
        <p>{t('actions.proposedIntro', { deadline: formatDateTime(match.expiresAt, i18n.language) })}</p>
        <div className="form-actions matching-decision">
          <BusyButton className="primary" busy={busy} onClick={() => void run({ kind: 'approve' })}>
            {t('actions.approve')}
          </BusyButton>
        </div>
        {rejectForm(t('actions.rejectLegend'))}
      </>
    );
  } else if (status === 'approved') {
    body = (
      <>
        <p>{t('actions.approvedIntro', { deadline: formatDateTime(match.expiresAt, i18n.language) })}</p>
        <ul className="matching-answers">
          {MATCH_PARTIES.map((party) => (
            <li key={party}>
              {match.acceptedBy.includes(party) ? t(`actions.hasAccepted.${party}`) : t(`actions.awaiting.${party}`)}
            </li>
          ))}
        </ul>
        <div className="form-actions">
          {waitingParties.map((party) => (
            <BusyButton key={party} className="primary" busy={busy} onClick={() => void run({ kind: 'accept', party })}>
              {t(`actions.accept.${party}`)}
            </BusyButton>
          ))}
        </div>
        <form
          className="matching-action-form"
          noValidate
          onSubmit={(event) =>
            ask(event, 'decline', declineParty && declineReason.trim() ? { kind: 'decline', party: declineParty, reason: declineReason.trim() } : null, {
              party: declineParty !== '',
              reason: declineReason.trim() !== '',
            })
          }
        >
          <fieldset>
            <legend>{t('actions.declineLegend')}</legend>
            {radios('decline', 'party', t('actions.declineParty'), MATCH_PARTIES, declineParty, setDeclineParty, (party) => t(`party.${party}`))}
            {reasonField('decline', declineReason, setDeclineReason, t('actions.declineReason'))}
            <BusyButton type="submit" className="danger" busy={busy}>
              {t('actions.decline')}
            </BusyButton>
          </fieldset>
        </form>
        {rejectForm(t('actions.rejectApprovedLegend'))}
      </>
    );
  } else if (status === 'accepted') {
    body = (
      <form
        className="matching-action-form"
        noValidate
        onSubmit={(event) =>
          ask(event, 'end', endOutcome && endReason.trim() ? { kind: 'end', outcome: endOutcome, reason: endReason.trim() } : null, {
            outcome: endOutcome !== '',
            reason: endReason.trim() !== '',
          })
        }
      >
        <p>{t('actions.acceptedIntro')}</p>
        <fieldset>
          <legend>{t('actions.endLegend')}</legend>
          {radios('end', 'outcome', t('actions.endOutcome'), MATCH_END_OUTCOMES, endOutcome, setEndOutcome, (outcome) => t(`outcome.${outcome}`))}
          {reasonField('end', endReason, setEndReason, t('actions.endReason'))}
          <BusyButton type="submit" className="danger" busy={busy}>
            {t('actions.end')}
          </BusyButton>
        </fieldset>
      </form>
    );
  } else {
    body = <p className="muted">{t('actions.closed')}</p>;
  }

  function rejectForm(legend: string) {
    return (
      <form
        className="matching-action-form"
        noValidate
        onSubmit={(event) => ask(event, 'reject', rejectReason.trim() ? { kind: 'reject', reason: rejectReason.trim() } : null, { reason: rejectReason.trim() !== '' })}
      >
        <fieldset>
          <legend>{legend}</legend>
          {reasonField('reject', rejectReason, setRejectReason, t('actions.rejectReason'))}
          <BusyButton type="submit" className="danger" busy={busy}>
            {t('actions.reject')}
          </BusyButton>
        </fieldset>
      </form>
    );
  }

  // A 409 is not always someone else's decision: a deadline passed, a profile changed, a person withdrawn or retired.
  const refusal = problem?.error instanceof ApiError && problem.error.status === 409 ? problem.error : null;
  const conflict = refusal !== null && DECIDED_BY_SOMEONE_ELSE.has(refusal.code);
  return (
    <section className="card matching-actions" aria-labelledby={idOf('title')}>
      <h2 id={idOf('title')} ref={heading} tabIndex={-1}>
        {t('actions.title')}
      </h2>
      <div role="status" className={result ? 'alert alert-ok' : undefined}>
        {result ? <p>{result}</p> : null}
      </div>
      {busy ? <p className="muted">{t('common:saving')}</p> : null}
      {conflict && refusal ? (
        <div className="alert alert-warn" role="alert">
          <p>
            <strong>{t('actions.conflictTitle')}</strong> {t('actions.conflict')} {localizedProblemDetail(refusal, i18n.language) ?? ''}
          </p>
        </div>
      ) : refusal ? (
        <div className="alert alert-warn" role="alert">
          <p>
            <strong>{t('actions.refusedTitle')}</strong> {localizedProblemDetail(refusal, i18n.language) ?? ''}
          </p>
        </div>
      ) : problem ? (
        <ProblemAlert error={problem.error} fieldsShownBeside={problem.form !== null && Object.keys(fieldErrors(problem.error)).length > 0} />
      ) : null}
      {body}
      <ConfirmDialog
        open={pending !== null}
        title={pending ? t(`actions.confirm.${pending.kind}.title`) : ''}
        confirmLabel={pending ? t(`actions.confirm.${pending.kind}.confirm`) : ''}
        onCancel={() => setPending(null)}
        onConfirm={() => pending && void run(pending)}
      >
        <p>{pending ? t(`actions.confirm.${pending.kind}.text`, pending.kind === 'decline' ? { party: t(`partyInSentence.${pending.party}`) } : {}) : ''}</p>
      </ConfirmDialog>
    </section>
  );
}
