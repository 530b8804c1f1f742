/** As the API's problems carry them (`FieldViolation` in api.ts); spelled out here so the API's tests can use this file too. */
interface FieldViolation {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * The API writes its field violations in English (`rule` is the stable part,
 * `message` the sentence, with the figures in it). On Dutch pages the console
 * shows them in Dutch: chosen by rule, the figures read back out of the
 * English sentence. A rule or wording it does not know stays as the API wrote
 * it, never dropped. A sentence naming another field by its path is said in
 * words on pages of either language (`slotOverlap`). `violation-text.spec.ts`
 * feeds it every message the domain's rules and the request DTOs produce for
 * profiles, so a new English sentence without a Dutch one fails there, not in
 * front of an intake worker.
 */
type Dutch = (message: string) => string | null;

/** A figure as Dutch writes it: a decimal comma (`0.5` → `0,5`); anything else as it is. */
const dutchFigure = (figure: string): string => (/^-?\d+\.\d+$/.test(figure) ? figure.replace('.', ',') : figure);

/** The first capture of `pattern` in the message, put into `template` at `$1` (and `$2`); null when it does not match. */
const figures = (pattern: RegExp, template: string): Dutch => (message) => {
  const found = pattern.exec(message);
  return found === null ? null : template.replace('$1', dutchFigure(found[1] ?? '')).replace('$2', dutchFigure(found[2] ?? ''));
};
const always = (text: string): Dutch => () => text;
/** The first translation that applies. */
const firstOf = (...choices: Dutch[]): Dutch => (message) => {
  for (const choice of choices) {
    const text = choice(message);
    if (text !== null) return text;
  }
  return null;
};

const TYPES: Dutch = firstOf(
  figures(/must be either object or array/i, 'Moet een object of een lijst zijn'),
  figures(/must be a number/i, 'Moet een getal zijn'),
  figures(/must be text or null/i, 'Moet tekst zijn of leeg blijven'),
  figures(/must be (?:text|a string)/i, 'Moet tekst zijn'),
  figures(/must be a list|must be an array/i, 'Moet een lijst zijn'),
  figures(/must be true or false|must be a boolean/i, 'Moet ja of nee zijn'),
  figures(/must be a JSON object|must be an object/i, 'Moet een object zijn'),
  always('Heeft niet de verwachte vorm'),
);

const NL: Readonly<Record<string, Dutch>> = {
  required: firstOf(figures(/unless the key person works remotely only/, 'Vereist, tenzij de sleutelpersoon alleen op afstand werkt'), figures(/must not be blank/, 'Mag niet leeg zijn'),
    figures(/needs a phone number or an e-mail address/, 'Een sleutelpersoon heeft een telefoonnummer of een e-mailadres nodig, zodat de coördinator hem of haar kan bereiken'), always('Vereist')),
  type: TYPES,
  string: TYPES,
  number: TYPES,
  boolean: TYPES,
  array: TYPES,
  object: TYPES,
  'max-length': firstOf(
    figures(/at most (\d+) characters as JSON/, 'Mag als JSON hoogstens $1 tekens lang zijn'),
    figures(/(?:at most|shorter than or equal to) (\d+) characters/, 'Mag hoogstens $1 tekens lang zijn'),
  ),
  'min-length': figures(/longer than or equal to (\d+) characters/, 'Moet minstens $1 tekens lang zijn'),
  'no-control-characters': always('Moet één regel zijn, zonder stuurtekens'),
  integer: always('Moet een geheel getal zijn'),
  int: always('Moet een geheel getal zijn'),
  'multiple-of': figures(/multiple of (\S+)$/, 'Moet een veelvoud van $1 zijn'),
  range: figures(/between (\S+) and (\S+?)\.?$/, 'Moet tussen $1 en $2 liggen'),
  min: figures(/not be less than (\S+)/, 'Mag niet kleiner zijn dan $1'),
  positive: always('Moet groter zijn dan 0'),
  max: figures(/not be greater than (\S+)/, 'Mag niet groter zijn dan $1'),
  'one-of': figures(/one of: (.*)$/, 'Moet een van deze zijn: $1'),
  in: figures(/one of the following values: (.*)$/, 'Moet een van deze zijn: $1'),
  'min-items': figures(/at least (\d+) item/, 'Moet er minstens $1 hebben'),
  'max-items': figures(/at most (\d+) items/, 'Mag er hoogstens $1 hebben'),
  'array-max-size': figures(/no more than (\d+) elements/, 'Mag er hoogstens $1 hebben'),
  unique: always('Staat er al eerder in'),
  phone: always('Moet een telefoonnummer in internationale vorm zijn: + en 8 tot 15 cijfers, bijv. +31612345678'),
  email: always('Moet een e-mailadres zijn, zoals naam@voorbeeld.nl'),
  'iso-639-3': firstOf(
    figures(/must name a language/, 'Moet een taal noemen: mis, mul, und en zxx zijn ISO 639-3-codes voor geen bepaalde taal; noem elke taal apart, bijv. apc of tir'),
    always('Moet een ISO 639-3-taalcode zijn, in kleine letters, bijv. apc of tir'),
  ),
  'iso-3166-1': always('Moet een ISO 3166-1-landcode zijn, twee hoofdletters, bijv. SY'),
  'cbs-municipality': always('Moet een huidige CBS-gemeentecode zijn, bijv. GM0344'),
  // A municipality outside the token's (403 AUTH.OUT_OF_SCOPE): registering or moving someone there.
  'token-scope': always('Moet een van de gemeenten zijn waarvoor u bent ingelogd'),
  'postcode-area': always('Moet de vier cijfers van een Nederlandse postcode zijn, 1000 tot 9999'),
  'time-format': figures(/HH:MM from (.*)$/, 'Moet een tijd UU:MM zijn, van $1'),
  'end-after-start': always('Het einde moet na het begin liggen'),
  'no-overlap': always('Overlapt een ander tijdvak op dezelfde dag'),
  'date-order': firstOf(
    figures(/on or after from/, 'Moet op of na de begindatum liggen'),
    figures(/not be before today/, 'Mag niet vóór vandaag liggen'),
    figures(/later than the time of the command/, 'Moet later liggen dan nu'),
  ),
  'slot-in-date-range': always('Tussen de data moet de weekdag van minstens één tijdvak vallen'),
  date: always('Moet een datum JJJJ-MM-DD zijn'),
  'date-time': always('Moet een datum met tijd en tijdzone zijn (ISO 8601)'),
  uuid: always('Moet een id (UUID) zijn'),
  'gender-for-required-preference': always('Een geslacht kan alleen vereist zijn als een geslacht van de sleutelpersoon (vrouw of man) is gekozen'),
  'not-below-load': always('De capaciteit moet minstens het aantal open voorstellen en lopende koppelingen zijn'),
  'unknown-field': always('Is geen bekend veld'),
  json: always('Moet tekst, een eindig getal, ja, nee, null, een lijst of een object zijn'),
  // The audit pages' queries (apps/api/src/audit/audit.dto.ts).
  matches: firstOf(
    figures(/must be a log position/, 'Moet een logpositie zijn: een geheel getal, 0 of hoger'),
    figures(/must be position:digest/, 'Moet positie:digest zijn, zoals een eerdere controle die als logdigest gaf'),
  ),
  'existing-stream': always('Het log bevat geen stroom met deze naam, bijv. newcomer-<id>'),
};

/**
 * The API names the slot a slot overlaps by its path (`Slot overlaps
 * availability.slots[0] on the same day`), which reads as code on a page of
 * either language. Both slots by number instead, counted from one as the form
 * counts its rows (`languages[1]` is "Taal 2"); the week grid keeps the slots
 * in the order the form lists the chosen times, so the numbers are those of that list.
 */
function slotOverlap({ field, message }: FieldViolation, language: string): string | null {
  const slot = /\[(\d+)\]$/.exec(field);
  const other = /overlaps \S*\[(\d+)\] on the same day/.exec(message);
  if (slot === null || other === null) return null;
  const [number, otherNumber] = [Number(slot[1]) + 1, Number(other[1]) + 1];
  return language === 'nl' ? `Tijdvak ${number} overlapt tijdvak ${otherNumber} op dezelfde dag` : `Slot ${number} overlaps slot ${otherNumber} on the same day`;
}

/** The violation as a page in `language` shows it: Dutch where the rule is known, else as the API wrote it (but for a path in it). */
export function localizedViolation(violation: FieldViolation, language: string): FieldViolation {
  const overlap = violation.rule === 'no-overlap' ? slotOverlap(violation, language) : null;
  if (overlap !== null) return { ...violation, message: overlap };
  if (language !== 'nl') return violation;
  const text = NL[violation.rule]?.(violation.message) ?? null;
  return text === null ? violation : { ...violation, message: text };
}

/**
 * The API's sentence for a refusal a coordinator meets in the normal course
 * of work, in Dutch on Dutch pages, by problem code and with its figures; the
 * API's English otherwise, and for any code not known here.
 */
const NL_PROBLEMS: Readonly<Record<string, Dutch>> = {
  'MATCH.PAIR_NO_LONGER_FITS': firstOf(
    figures(
      /the hard constraint (\S+)/,
      'Een profiel is gewijzigd sinds dit voorstel, en het paar voldoet niet meer aan de harde voorwaarde $1. De matcher trekt het voorstel in.',
    ),
    figures(
      /a hard constraint/,
      'Een profiel is gewijzigd sinds dit voorstel, en het paar voldoet niet meer aan een harde voorwaarde. De matcher trekt het voorstel in.',
    ),
  ),
  'MATCH.DEADLINE_PASSED': always('De termijn voor dit antwoord is verstreken: het voorstel verloopt en de nieuwkomer wordt opnieuw gekoppeld.'),
  // "Teruggetrokken", as the status reads everywhere else: "uitgeschreven" says to a municipality that the person left the BRP.
  'NEWCOMER.WITHDRAWN': always('De nieuwkomer is teruggetrokken en kan niet meer worden gewijzigd of gekoppeld.'),
  // "Koppeling aanvragen" while a proposal or match is still open.
  'NEWCOMER.ALREADY_MATCHING': always('De nieuwkomer heeft al een openstaand voorstel of een lopende koppeling; vraag pas een nieuwe koppeling aan als die is afgesloten.'),
  'KEY_PERSON.RETIRED': always('De sleutelpersoon is gestopt en kan niet meer worden gewijzigd of gekoppeld.'),
  // Approving or accepting a proposal of a key person who has just been paused.
  'KEY_PERSON.PAUSED': always('De sleutelpersoon is gepauzeerd: voorstellen die nog op antwoord wachten, worden ingetrokken en de nieuwkomer wordt met iemand anders gekoppeld.'),
  // Two coordinators deciding on the same match: the second meets the first's decision.
  'MATCH.CLOSED': always('De koppeling is afgesloten en kan niet meer veranderen.'),
  'MATCH.NOT_APPROVED': always('Een coördinator moet het voorstel eerst goedkeuren; pas daarna antwoorden de nieuwkomer en de sleutelpersoon.'),
  'MATCH.NOT_ACCEPTED': always('Alleen een koppeling die beide partijen hebben aanvaard, kan worden beëindigd.'),
  'MATCH.ALREADY_ACCEPTED': always('Beide partijen hebben de koppeling al aanvaard: beëindig haar in plaats daarvan.'),
  // An orphan of a race between matcher workers: the newcomer holds another proposal, or none.
  'MATCH.NOT_AWAITED': always('De nieuwkomer wacht niet meer op dit voorstel; de matcher trekt het in.'),
  // A page opened for what is not there (or outside the token's municipalities, which answers the same).
  'HTTP.404': firstOf(
    figures(/^No such key person/, 'Deze sleutelpersoon bestaat niet, of valt buiten uw gemeenten.'),
    figures(/^No such newcomer/, 'Deze nieuwkomer bestaat niet, of valt buiten uw gemeenten.'),
    figures(/^No such match/, 'Dit voorstel of deze koppeling bestaat niet, of valt buiten uw gemeenten.'),
    figures(/^No such cohort run/, 'Deze cohortronde bestaat niet, of valt buiten uw gemeenten.'),
    figures(/^No such resource/, 'Dit bestaat niet, of valt buiten uw gemeenten.'),
  ),
  'AUDIT.NO_SUCH_STREAM': always('Het log bevat geen gebeurtenis van deze stroom.'),
  'AUTH.OUT_OF_SCOPE': always('Uw toegang geldt niet voor die gemeente.'),
};

export function localizedProblemDetail(problem: { readonly code: string; readonly detail?: string }, language: string): string | undefined {
  if (language !== 'nl' || problem.detail === undefined) return problem.detail;
  return NL_PROBLEMS[problem.code]?.(problem.detail) ?? problem.detail;
}
