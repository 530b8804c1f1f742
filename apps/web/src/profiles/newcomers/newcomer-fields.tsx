/** The intake form's fields (SPEC §3, §9), shared by registering and editing a newcomer. */
import { useTranslation } from 'react-i18next';
import { AvailabilityField } from '../fields/availability-field';
import { CheckboxField, RadioField, SelectField, TextAreaField, TextField } from '../fields/inputs';
import { LanguagesField } from '../fields/languages-field';
import { ReferencePicker } from '../fields/reference-picker';
import { NeedsField } from '../fields/topics-field';
import type { FormChange } from '../model/form-values';
import type { NewcomerFormValues } from '../model/newcomer-form.model';
import { GENDER_PREFERENCES, GENDERS, SAME_ORIGIN_CHOICES } from '../model/profile.types';

export function NewcomerFields({ values, onChange }: { values: NewcomerFormValues; onChange(change: FormChange<NewcomerFormValues>): void }) {
  const { t } = useTranslation('profiles');
  const choices = (list: readonly string[], prefix: string) => list.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
  return (
    <div className="profiles-sections">
      <fieldset>
        <legend>{t('sections.personal')}</legend>
        <TextField path="displayName" label={t('fields.displayName')} hint={t('hints.displayName')} value={values.displayName} onChange={(displayName) => onChange({ displayName })} />
        <div className="profiles-inline">
          <TextField path="birthYear" label={t('fields.birthYear')} hint={t('hints.birthYear')} inputMode="numeric" size={6} value={values.birthYear} onChange={(birthYear) => onChange({ birthYear })} />
          <SelectField path="gender" label={t('fields.gender')} optional placeholder={t('form.notStated')} choices={choices(GENDERS, 'genders')} value={values.gender} onChange={(gender) => onChange({ gender })} />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('sections.contact')}</legend>
        <TextField path="contact.phone" type="tel" label={t('fields.phone')} optional hint={t('hints.phone')} value={values.phone} onChange={(phone) => onChange({ phone })} />
        <TextField path="contact.email" type="email" label={t('fields.email')} optional value={values.email} onChange={(email) => onChange({ email })} />
      </fieldset>

      <fieldset>
        <legend>{t('sections.residence')}</legend>
        <ReferencePicker kind="municipalities" path="municipality" label={t('fields.municipality')} hint={t('hints.municipality')} value={values.municipality} onChange={(municipality) => onChange({ municipality })} />
        <TextField path="postcodeArea" label={t('fields.postcodeArea')} optional hint={t('hints.postcodeArea')} inputMode="numeric" size={6} value={values.postcodeArea} onChange={(postcodeArea) => onChange({ postcodeArea })} />
      </fieldset>

      <fieldset>
        <legend>{t('sections.origin')}</legend>
        <ReferencePicker kind="countries" path="origin.country" label={t('fields.country')} hint={t('hints.originNewcomer')} value={values.origin} onChange={(origin) => onChange({ origin })} />
      </fieldset>

      <div className="profiles-wide">
        <LanguagesField rows={values.languages} onChange={(update) => onChange((previous) => ({ languages: update(previous.languages) }))} hint={t('hints.languages')} />
      </div>

      <div className="profiles-wide">
        <NeedsField value={values.needs} onChange={(update) => onChange((previous) => ({ needs: update(previous.needs) }))} />
      </div>

      <div className="profiles-wide">
        <AvailabilityField value={values} onChange={(change) => onChange(change)} />
      </div>

      <fieldset className="profiles-wide">
        <legend>{t('sections.preferences')}</legend>
        <div className="profiles-preferences">
          <div>
            <RadioField path="preferences.keyPersonGender" label={t('fields.keyPersonGender')} choices={choices(GENDER_PREFERENCES, 'genderPreferences')} value={values.keyPersonGender} onChange={(keyPersonGender) => onChange((previous) => ({ keyPersonGender, genderRequired: keyPersonGender === 'any' ? false : previous.genderRequired }))} />
            <CheckboxField path="preferences.genderRequired" label={t('fields.genderRequired')} hint={t('hints.genderRequired')} checked={values.genderRequired} disabled={values.keyPersonGender === 'any'} onChange={(genderRequired) => onChange({ genderRequired })} />
          </div>
          <div>
            <RadioField path="preferences.sameOrigin" label={t('fields.sameOrigin')} hint={t('hints.sameOrigin')} choices={choices(SAME_ORIGIN_CHOICES, 'sameOrigin')} value={values.sameOrigin} onChange={(sameOrigin) => onChange({ sameOrigin })} />
            <CheckboxField path="preferences.remoteOk" label={t('fields.remoteOk')} checked={values.remoteOk} onChange={(remoteOk) => onChange({ remoteOk })} />
          </div>
        </div>
      </fieldset>

      <fieldset className="profiles-wide">
        <legend>{t('sections.other')}</legend>
        <div className="profiles-two">
          <TextAreaField path="doNotMatch" label={t('fields.doNotMatch')} optional hint={t('hints.doNotMatch')} value={values.doNotMatch} onChange={(doNotMatch) => onChange({ doNotMatch })} />
          <TextAreaField path="notes" label={t('fields.notes')} optional hint={t('hints.notes')} rows={4} value={values.notes} onChange={(notes) => onChange({ notes })} />
        </div>
      </fieldset>
    </div>
  );
}
