/** The fixed topic list (SPEC §3): a newcomer's needs with a priority each, a key person's expertise. */
import { useTranslation } from 'react-i18next';
import { FieldMessages } from '../../app/ui';
import { PRIORITIES, Topic, TOPICS } from '../model/profile.types';
import { useField } from './form-context';

/** Priority a need gets when ticked: the middle, so both directions are one step. */
const DEFAULT_PRIORITY = 2;

type Needs = Readonly<Partial<Record<Topic, number>>>;

/** `onChange` is given a function of the needs as they are when it is applied (see FormChange). */
export function NeedsField({ value, onChange }: { value: Needs; onChange(update: (needs: Needs) => Partial<Record<Topic, number>>): void }) {
  const { t } = useTranslation('profiles');
  const section = useField('needs');
  const hintId = `${section.id}-hint`;
  function set(topic: Topic, priority: number | undefined) {
    onChange((current) => {
      const next = { ...current };
      if (priority === undefined) delete next[topic];
      else next[topic] = priority;
      return next;
    });
  }
  return (
    <fieldset className="profiles-topics" id={section.id} tabIndex={-1} aria-describedby={[hintId, section.messages.length > 0 ? section.errorId : ''].join(' ').trim()}>
      <legend>{t('fields.needs')}</legend>
      <p className="field-hint" id={hintId}>
        {t('needsField.hint')}
      </p>
      <FieldMessages id={section.errorId} messages={section.messages} />
      <ul className="profiles-topic-list">
        {TOPICS.map((topic) => (
          <NeedRow key={topic} topic={topic} priority={value[topic]} onChange={(priority) => set(topic, priority)} />
        ))}
      </ul>
    </fieldset>
  );
}

function NeedRow({ topic, priority, onChange }: { topic: Topic; priority: number | undefined; onChange(priority: number | undefined): void }) {
  const { t } = useTranslation('profiles');
  const item = useField(`needs.${topic}`, { within: false });
  const topicField = useField(`needs.${topic}.topic`);
  const priorityField = useField(`needs.${topic}.priority`);
  const checkboxMessages = [...item.messages, ...topicField.messages];
  const chosen = priority !== undefined;
  return (
    <li className="profiles-topic">
      <span className="profiles-check-line">
        <input
          type="checkbox"
          id={item.id}
          checked={chosen}
          aria-invalid={checkboxMessages.length > 0 ? true : undefined}
          aria-describedby={checkboxMessages.length > 0 ? item.errorId : undefined}
          onChange={(event) => onChange(event.target.checked ? DEFAULT_PRIORITY : undefined)}
        />
        <label htmlFor={item.id}>{t(`topics.${topic}`)}</label>
      </span>
      <span className="profiles-topic-priority">
        <label htmlFor={priorityField.id} className="profiles-small-label">
          {t('needsField.priority')}
          <span className="visually-hidden"> {t(`topics.${topic}`)}</span>
        </label>
        <select {...priorityField.inputProps()} disabled={!chosen} value={chosen ? String(priority) : ''} onChange={(event) => onChange(Number(event.target.value))}>
          {chosen ? null : <option value="">–</option>}
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`needsField.priorities.${p}`)}
            </option>
          ))}
        </select>
      </span>
      <FieldMessages id={item.errorId} messages={checkboxMessages} />
      <FieldMessages id={priorityField.errorId} messages={priorityField.messages} />
    </li>
  );
}

/** `onChange` is given a function of the expertise as it is when it is applied (see FormChange). */
export function ExpertiseField({ value, onChange }: { value: readonly Topic[]; onChange(update: (expertise: readonly Topic[]) => Topic[]): void }) {
  const { t } = useTranslation('profiles');
  const section = useField('expertise');
  const hintId = `${section.id}-hint`;
  return (
    <fieldset className="profiles-topics" id={section.id} tabIndex={-1} aria-describedby={[hintId, section.messages.length > 0 ? section.errorId : ''].join(' ').trim()}>
      <legend>{t('fields.expertise')}</legend>
      <p className="field-hint" id={hintId}>
        {t('expertiseField.hint')}
      </p>
      <FieldMessages id={section.errorId} messages={section.messages} />
      <ul className="profiles-topic-list">
        {TOPICS.map((topic) => (
          <ExpertiseRow key={topic} topic={topic} checked={value.includes(topic)} onChange={(checked) => onChange((current) => TOPICS.filter((other) => (other === topic ? checked : current.includes(other))))} />
        ))}
      </ul>
    </fieldset>
  );
}

function ExpertiseRow({ topic, checked, onChange }: { topic: Topic; checked: boolean; onChange(checked: boolean): void }) {
  const { t } = useTranslation('profiles');
  const item = useField(`expertise.${topic}`);
  return (
    <li className="profiles-topic">
      <span className="profiles-check-line">
        <input type="checkbox" {...item.inputProps()} checked={checked} onChange={(event) => onChange(event.target.checked)} />
        <label htmlFor={item.id}>{t(`topics.${topic}`)}</label>
      </span>
      <FieldMessages id={item.errorId} messages={item.messages} />
    </li>
  );
}
