/** The key-person form's fields (SPEC §3), shared by registering and editing. */
import { useTranslation } from 'react-i18next';
import { AvailabilityField } from '../fields/availability-field';
import { CheckboxField, RadioField, SelectField, TextField } from '../fields/inputs';
import { LanguagesField } from '../fields/languages-field';
import { ReferencePicker } from '../fields/reference-picker';
import { ExpertiseField } from '../fields/topics-field';
import type { FormChange } from '../model/form-values';
import type { KeyPersonFormValues } from '../model/key-person-form.model';
import { ENGAGEMENTS, GENDERS } from '../model/profile.types';

export function KeyPersonFields({ values, onChange }: { values: KeyPersonFormValues; onChange(change: FormChange<KeyPersonFormValues>): void }) {
  const { t } = useTranslation('profiles');
  const choices = (list: readonly string[], prefix: string) => list.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
  return (
    <div className="profiles-sections">
      <fieldset>
        <legend>{t('sections.personal')}</legend>
        <TextField path="displayName" label={t('fields.displayName')} value={values.displayName} onChange={(displayName) => onChange({ displayName })} />
        <SelectField path="gender" label={t('fields.gender')} placeholder={t('form.choose')} choices={choices(GENDERS, 'genders')} value={values.gender} onChange={(gender) => onChange({ gender })} />
      </fieldset>

      {/* One of the two is needed (SPEC §3), neither alone: the legend says so, and neither field is marked optional or required. */}
      <fieldset>
        <legend>{t('sections.keyPersonContact')}</legend>
        <TextField path="contact.phone" type="tel" label={t('fields.phone')} optional unmarked hint={t('hints.phone')} value={values.phone} onChange={(phone) => onChange({ phone })} />
        <TextField path="contact.email" type="email" label={t('fields.email')} optional unmarked value={values.email} onChange={(email) => onChange({ email })} />
      </fieldset>

      <fieldset>
        <legend>{t('sections.residenceTravel')}</legend>
        <ReferencePicker kind="municipalities" path="municipality" label={t('fields.municipality')} hint={t('hints.municipality')} value={values.municipality} onChange={(municipality) => onChange({ municipality })} />
        <TextField path="postcodeArea" label={t('fields.postcodeArea')} optional hint={t('hints.postcodeArea')} inputMode="numeric" size={6} value={values.postcodeArea} onChange={(postcodeArea) => onChange({ postcodeArea })} />
        <CheckboxField path="remoteOnly" label={t('fields.remoteOnly')} hint={t('hints.remoteOnly')} checked={values.remoteOnly} onChange={(remoteOnly) => onChange({ remoteOnly })} />
        <TextField path="travelRadiusKm" label={t('fields.travelRadiusKm')} optional={values.remoteOnly} hint={t('hints.travelRadiusKm')} inputMode="decimal" size={6} value={values.travelRadiusKm} onChange={(travelRadiusKm) => onChange({ travelRadiusKm })} />
      </fieldset>

      <fieldset>
        <legend>{t('sections.commitment')}</legend>
        <div className="profiles-inline">
          <TextField path="capacity" label={t('fields.capacity')} hint={t('hints.capacity')} inputMode="numeric" size={4} value={values.capacity} onChange={(capacity) => onChange({ capacity })} />
          <TextField path="maxHoursPerMonth" label={t('fields.maxHoursPerMonth')} hint={t('hints.maxHoursPerMonth')} inputMode="decimal" size={4} value={values.maxHoursPerMonth} onChange={(maxHoursPerMonth) => onChange({ maxHoursPerMonth })} />
        </div>
        <RadioField path="engagement" label={t('fields.engagement')} choices={choices(ENGAGEMENTS, 'engagements')} value={values.engagement} onChange={(engagement) => onChange({ engagement })} />
      </fieldset>

      <fieldset className="profiles-wide">
        <legend>{t('sections.origin')}</legend>
        <ReferencePicker kind="countries" path="origin.country" label={t('fields.country')} hint={t('hints.originKeyPerson')} value={values.origin} onChange={(origin) => onChange({ origin })} className="profiles-narrow" />
      </fieldset>

      <div className="profiles-wide">
        <LanguagesField rows={values.languages} onChange={(update) => onChange((previous) => ({ languages: update(previous.languages) }))} hint={t('hints.languages')} />
      </div>

      <div className="profiles-wide">
        <ExpertiseField value={values.expertise} onChange={(update) => onChange((previous) => ({ expertise: update(previous.expertise) }))} />
      </div>

      <div className="profiles-wide">
        <AvailabilityField value={values} onChange={(change) => onChange(change)} />
      </div>
    </div>
  );
}
