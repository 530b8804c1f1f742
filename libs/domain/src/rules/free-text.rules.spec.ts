import { NOTES_MAX_LENGTH, notesViolations, reasonViolations } from './free-text.rules';
import { toOptionalText } from './value.rules';

describe('free text rules', () => {
  it('accepts notes over several lines up to the limit', () => {
    expect(notesViolations(`Line one\nline two ${'x'.repeat(NOTES_MAX_LENGTH - 20)}`)).toEqual([]);
    expect(notesViolations(null)).toEqual([]);
  });

  it('refuses overlong notes and reasons', () => {
    expect(notesViolations('x'.repeat(NOTES_MAX_LENGTH + 1)).map((v) => v.rule)).toEqual(['max-length']);
    expect(reasonViolations('x'.repeat(1001)).map((v) => `${v.field} ${v.rule}`)).toEqual(['reason max-length']);
  });

  it('stores blank text as null', () => {
    expect(toOptionalText('  ')).toBeNull();
    expect(toOptionalText(' kept ')).toBe('kept');
  });
});
