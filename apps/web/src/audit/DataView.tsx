import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { JsonObject, JsonValue } from './audit.types';
import { formatCount, formatExact, Instant, shortId } from './format';
import { isUuid, kindOfIdField, trailPath } from './subjects';

/** How the sealed personal part of an event reads: still sealed, or gone with its subject's key. */
export type PersonalDataView = 'sealed' | 'erased';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The field of stored event data holding the sealed personal data (libs/privacy). */
export const PERSONAL_FIELD = 'personal';

export function isErasedMarker(value: JsonValue | undefined): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as JsonObject).erased === true;
}

export function isSealed(value: JsonValue | undefined): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as JsonObject).ct === 'string';
}

/**
 * Event data or a past state as key–value pairs: times in the user's
 * language (the stored value as tooltip), ids compact with a link to their
 * trail, nested sections indented, the sealed personal part as a sentence
 * instead of ciphertext. Field names stay as stored (they are the record),
 * unless `named`: then a field the console knows is named in the user's
 * language, its stored name one hover away (a past state, read as a profile).
 */
export function DataView({ data, personal = 'sealed', named = false }: { data: JsonObject; personal?: PersonalDataView; named?: boolean }) {
  const entries = Object.entries(data);
  const { t, i18n } = useTranslation('audit');
  if (entries.length === 0) return <p className="muted">{t('data.empty')}</p>;
  // As the profile forms name a field; then the names only a state has (reservations, deferrals…); then exclusions.
  const nameOf = (key: string): string | null => {
    for (const name of [`profiles:fields.${key}`, `audit:fieldNames.${key}`, `audit:exclusions.${key}`]) if (i18n.exists(name)) return t(name);
    return null;
  };
  return (
    <dl className="audit-data">
      {entries.map(([key, value]) => {
        const name = named ? nameOf(key) : null;
        return (
          <div key={key} className="audit-data-row" data-field={key}>
            <dt>{name === null ? <code>{key}</code> : <span title={key}>{name}</span>}</dt>
            <dd>{key === PERSONAL_FIELD && (isSealed(value) || isErasedMarker(value)) ? <Personal value={value} view={personal} /> : <Value name={key} value={value} named={named} />}</dd>
          </div>
        );
      })}
    </dl>
  );
}

function Personal({ value, view }: { value: JsonValue; view: PersonalDataView }) {
  const { t } = useTranslation('audit');
  if (isErasedMarker(value) || view === 'erased') {
    return (
      <span>
        <span className="badge erased">{t('data.erasedBadge')}</span> {t('data.erased')}
      </span>
    );
  }
  return <span className="audit-sealed">{t('data.sealed')}</span>;
}

/** Years are written without grouping: 1990, never 1.990 or 1,990. */
const isYear = (name: string) => /year$/i.test(name);

function Value({ name, value, named }: { name: string; value: JsonValue; named: boolean }) {
  const { t, i18n } = useTranslation('audit');
  if (value === null) return <span className="muted">{t('data.null')}</span>;
  if (typeof value === 'boolean') return <>{value ? t('common:yes') : t('common:no')}</>;
  if (typeof value === 'number') {
    return <span className="audit-number">{Number.isInteger(value) && !isYear(name) ? formatCount(value, i18n.language) : formatExact(value, i18n.language)}</span>;
  }
  if (typeof value === 'string') {
    const kind = kindOfIdField(name);
    if (kind && isUuid(value)) {
      return (
        <Link to={trailPath(kind, value)} title={value}>
          <code>{shortId(value)}</code>
          <span className="visually-hidden"> {t('data.openTrail')}</span>
        </Link>
      );
    }
    if (INSTANT.test(value)) return <Instant iso={value} />;
    if (isUuid(value)) return <code title={value}>{value}</code>;
    return <span className="audit-text">{value}</span>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">{t('data.emptyList')}</span>;
    if (value.every((item) => item === null || typeof item !== 'object')) {
      return (
        <ul className="audit-inline-list">
          {value.map((item, index) => (
            <li key={index}>
              <Value name={name} value={item} named={named} />
            </li>
          ))}
        </ul>
      );
    }
    return (
      <ol className="audit-data-list">
        {value.map((item, index) => (
          <li key={index}>
            <Value name={name} value={item} named={named} />
          </li>
        ))}
      </ol>
    );
  }
  return <DataView data={value as JsonObject} named={named} />;
}

