/**
 * An explanation's measurements in words (SPEC §5): what each score component
 * measured, and why candidates were excluded. The numbers stay beside the
 * words; these sentences only say what they mean.
 */
import type { TFunction } from 'i18next';
import { formatNumber } from '../app/ui';
import { languageName } from './language-names';
import type { ExplanationComponent } from './match-types';

/** Components the scoring policy knows, in the order it lists them: the matcher's own list (pure, no imports), bundled into the console. */
import { COMPONENT_NAMES as KNOWN_COMPONENTS } from '../../../../libs/matching/src/policy/scoring-policy';

export { KNOWN_COMPONENTS };

/** Hard constraints in the matcher's order: the matcher's own list (pure, no imports), bundled into the console. */
import { EXCLUSION_REASONS } from '../../../../libs/matching/src/exclusion-reason';

export { EXCLUSION_REASONS };

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export function componentLabel(name: string, t: TFunction): string {
  return (KNOWN_COMPONENTS as readonly string[]).includes(name) ? t(`matching:component.${name}.label`) : name;
}

/** The language codes a component names (to have their names at hand for `describeComponent`). */
export function languageCodesOf({ name, raw }: ExplanationComponent): string[] {
  if (name !== 'language') return [];
  return [raw.newcomerLanguage, raw.keyPersonLanguage, raw.viaMacrolanguage].map(text).filter((code): code is string => code !== null);
}

/**
 * "Shared language: Tigrinya, both native", "3 hours a week in common", …; the raw JSON for a component this console does not know.
 * `nameOf` names a language code (by default as far as the browser knows it).
 */
export function describeComponent(
  { name, raw }: ExplanationComponent,
  t: TFunction,
  language: string,
  nameOf: (code: string) => string = (code) => languageName(code, language),
): string {
  const topics = (codes: string[]) => codes.map((code) => t(`matching:topic.${code}`, { defaultValue: code })).join(', ');
  switch (name) {
    case 'language': {
      const newcomerLanguage = text(raw.newcomerLanguage);
      const keyPersonLanguage = text(raw.keyPersonLanguage);
      const level = text(raw.sharedLevel);
      const levelText = level ? t(`matching:level.${level}`, { defaultValue: level }) : '—';
      const via = text(raw.viaMacrolanguage);
      if (via && newcomerLanguage && keyPersonLanguage && newcomerLanguage !== keyPersonLanguage) {
        return t('matching:component.language.related', {
          newcomerLanguage: nameOf(newcomerLanguage),
          keyPersonLanguage: nameOf(keyPersonLanguage),
          macrolanguage: nameOf(via),
          level: levelText,
        });
      }
      const shared = newcomerLanguage ?? keyPersonLanguage;
      return t('matching:component.language.shared', { language: shared === null ? '—' : nameOf(shared), level: levelText });
    }
    case 'expertise': {
      const covered = list(raw.covered);
      const uncovered = list(raw.uncovered);
      if (covered.length === 0 && uncovered.length === 0) return t('matching:component.expertise.noNeeds');
      if (uncovered.length === 0) return t('matching:component.expertise.all', { covered: topics(covered) });
      if (covered.length === 0) return t('matching:component.expertise.none', { uncovered: topics(uncovered) });
      return t('matching:component.expertise.some', { covered: topics(covered), uncovered: topics(uncovered) });
    }
    case 'availability': {
      if (raw.overlapWaived === true) return t('matching:component.availability.waived');
      const hours = num(raw.overlapHours) ?? 0;
      return t('matching:component.availability.overlap', { count: hours, hours: formatNumber(hours, language, 1) });
    }
    case 'proximity': {
      const km = num(raw.km);
      return km === null ? t('matching:component.proximity.unknown') : t('matching:component.proximity.km', { km: formatNumber(km, language, 1) });
    }
    case 'load': {
      const load = num(raw.load) ?? 0;
      return t('matching:component.load.places', { load: formatNumber(load, language, 0), capacity: formatNumber(num(raw.capacity), language, 0) });
    }
    case 'waiting': {
      const days = num(raw.days) ?? 0;
      return days < 1 ? t('matching:component.waiting.lessThanADay') : t('matching:component.waiting.days', { count: Math.floor(days), days: formatNumber(Math.floor(days), language, 0) });
    }
    case 'origin':
      return raw.sameCountry === true ? t('matching:component.origin.same') : t('matching:component.origin.different');
    case 'gender':
      return raw.matchesPreference === true ? t('matching:component.gender.matches') : t('matching:component.gender.differs');
    default: {
      const { value: _value, ...rest } = raw;
      return JSON.stringify(rest);
    }
  }
}

/** The constraints that excluded someone, in the policy's order, then any code this console does not know. */
export function exclusionsWithCount(excluded: Readonly<Record<string, number>>): string[] {
  const known = EXCLUSION_REASONS.filter((reason) => reason in excluded);
  const unknown = Object.keys(excluded).filter((reason) => !(EXCLUSION_REASONS as readonly string[]).includes(reason));
  return [...known, ...unknown].filter((reason) => (excluded[reason] ?? 0) > 0);
}

/** Why a key person could not be proposed, in words; an unknown code as itself. */
export function exclusionLabel(reason: string, t: TFunction): string {
  return (EXCLUSION_REASONS as readonly string[]).includes(reason) ? t(`matching:excluded.reason.${reason}`) : reason;
}
