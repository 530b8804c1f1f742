/**
 * A searchable picker over a reference list (languages, countries,
 * municipalities): an ARIA 1.2 combobox (downshift's useCombobox). Type to
 * search (debounced, server-side), arrow keys to move, Enter to choose,
 * Escape to close (and, when closed, to clear). The value is the code; the
 * input shows the entry's name in the console's language.
 *
 * The list changes under the user whenever a search is answered, and downshift
 * keeps the highlight as a position: Enter, or Tab out of the open menu, would
 * then choose whatever took the highlighted entry's place, or nothing at all
 * (`items[3]` of a list of two) and so clear the field. So the highlight
 * follows its entry into each new list, or goes when the entry is not in it,
 * and a choice never becomes nothing.
 */
import { useCombobox, UseComboboxState, UseComboboxStateChangeOptions } from 'downshift';
import { ReactNode, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldMessages } from '../../app/ui';
import { useField } from './form-context';
import { ReferenceEntry, referenceDetail, ReferenceKind, referenceLabel, useReferenceEntries, useReferenceSearch } from './reference';

export interface ReferencePickerProps {
  readonly kind: ReferenceKind;
  readonly path: string;
  readonly label: ReactNode;
  readonly value: string;
  onChange(code: string): void;
  readonly hint?: ReactNode;
  readonly optional?: boolean;
  /** Optional without saying so (filters). */
  readonly unmarked?: boolean;
  readonly className?: string;
}

/** Until the API has named a code, the picker shows the code itself. */
function stubOf(code: string): ReferenceEntry {
  return { code, name: code, en: code, nl: code, province: '' } as unknown as ReferenceEntry;
}

export function ReferencePicker({ kind, path, label, value, onChange, hint, optional, unmarked, className }: ReferencePickerProps) {
  const { t, i18n } = useTranslation('profiles');
  const field = useField(path);
  const codes = useMemo(() => (value ? [value] : []), [value]);
  const entries = useReferenceEntries(kind, codes);
  const selected = value ? (entries.get(value) ?? stubOf(value)) : null;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const search = useReferenceSearch(kind, query, open);
  // While a new search runs the previous answer stays listed, so the menu does not flicker at each keystroke.
  const items = search.items;
  const toLabel = (item: ReferenceEntry | null) => (item ? referenceLabel(kind, item, i18n.language) : '');

  const { isOpen, highlightedIndex, getLabelProps, getInputProps, getMenuProps, getItemProps, setHighlightedIndex } = useCombobox<ReferenceEntry>({
    inputId: field.id,
    labelId: `${field.id}-label`,
    menuId: `${field.id}-listbox`,
    getItemId: (index) => `${field.id}-option-${index}`,
    items: [...items],
    itemToString: toLabel,
    // The label is part of the key: when a name arrives (or the language changes) the input shows it.
    itemToKey: (item) => (item ? `${item.code}|${toLabel(item)}` : null),
    selectedItem: selected,
    onSelectedItemChange: ({ selectedItem }) => {
      onChange(selectedItem?.code ?? '');
      setQuery('');
    },
    onInputValueChange: ({ inputValue, type }) => {
      if (type === useCombobox.stateChangeTypes.InputChange) setQuery(inputValue ?? '');
    },
    onIsOpenChange: ({ isOpen: nowOpen }) => setOpen(Boolean(nowOpen)),
    stateReducer: (state: UseComboboxState<ReferenceEntry>, { type, changes }: UseComboboxStateChangeOptions<ReferenceEntry>) => {
      // A highlight past the end of the list chooses `undefined`: keep the choice and show its name.
      if ('selectedItem' in changes && changes.selectedItem === undefined) return { ...changes, selectedItem: state.selectedItem, inputValue: toLabel(state.selectedItem) };
      // Leaving the field without choosing: an emptied input clears the value, typed text goes back to the chosen name.
      if (type === useCombobox.stateChangeTypes.InputBlur && changes.selectedItem === state.selectedItem) {
        if (state.inputValue.trim() === '') return { ...changes, selectedItem: null, inputValue: '' };
        return { ...changes, inputValue: toLabel(state.selectedItem) };
      }
      return changes;
    },
  });

  // Layout effect: the highlight is moved before the new list is painted, so no key or click can meet it out of place.
  const shownItems = useRef(items);
  useLayoutEffect(() => {
    const before = shownItems.current;
    shownItems.current = items;
    if (before === items || highlightedIndex < 0) return;
    // `highlightedIndex` still counts in the list shown before this answer.
    const code = before[highlightedIndex]?.code;
    const index = items.findIndex((item) => item.code === code);
    if (index !== highlightedIndex) setHighlightedIndex(index);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items]);

  const hintId = hint ? `${field.id}-hint` : undefined;
  const showMenu = isOpen && items.length > 0;
  const noMatches = isOpen && !search.loading && !search.failed && items.length === 0 && query.trim() !== '';
  let status = '';
  if (isOpen && search.loading) status = t('picker.searching');
  else if (isOpen && search.failed) status = t('picker.failed');
  else if (noMatches) status = t('picker.noMatches', { query: query.trim() });
  else if (isOpen) status = t('picker.results', { count: items.length });

  return (
    <div className={`field profiles-picker ${className ?? ''}`}>
      <label {...getLabelProps()}>
        {label}
        {optional && !unmarked ? <span className="field-hint"> {t('form.optional')}</span> : null}
      </label>
      {hint ? <span className="field-hint" id={hintId}>{hint}</span> : null}
      <div className="profiles-picker-box">
        <input
          {...getInputProps({ ...field.inputProps(hintId), required: !optional, placeholder: t('picker.placeholder'), spellCheck: false, autoComplete: 'off' })}
        />
        <ul {...getMenuProps()} className="profiles-picker-menu" hidden={!showMenu}>
          {showMenu
            ? items.map((item, index) => (
                <li
                  key={item.code}
                  className={`profiles-picker-option${highlightedIndex === index ? ' is-highlighted' : ''}${item.code === value ? ' is-selected' : ''}`}
                  {...getItemProps({ item, index })}
                >
                  <span>{toLabel(item)}</span>
                  <span className="profiles-picker-detail">{referenceDetail(kind, item, i18n.language)}</span>
                </li>
              ))
            : null}
        </ul>
      </div>
      <p role="status" className={noMatches || (isOpen && search.failed) ? 'profiles-picker-note' : 'visually-hidden'}>
        {status}
      </p>
      <FieldMessages id={field.errorId} messages={field.messages} />
    </div>
  );
}
