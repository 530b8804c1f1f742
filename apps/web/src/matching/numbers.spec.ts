import { describe, expect, it } from '@jest/globals';
import { formatStored } from './numbers';

describe('formatStored', () => {
  it('keeps every decimal a parameter was stored with, however small, and adds none', () => {
    expect(formatStored(0.00002, 'en')).toBe('0.00002');
    expect(formatStored(0.00002, 'nl')).toBe('0,00002');
    expect(formatStored(2e-7, 'en')).toBe('0.0000002');
    expect(formatStored(0.1, 'en')).toBe('0.1');
    expect(formatStored(0.123456789, 'nl')).toBe('0,123456789');
    expect(formatStored(16, 'nl')).toBe('16');
    expect(formatStored(null, 'en')).toBe('—');
  });
});
