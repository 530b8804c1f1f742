import { useTranslation } from 'react-i18next';

/** "Enter a name." for an empty required field, by its path (`languages[2].code` → `required.languages.code`). */
export function useRequiredMessage(): (field: string) => string {
  const { t } = useTranslation('profiles');
  return (field) => t(`required.${field.replace(/\[\d+\]/g, '')}`);
}
