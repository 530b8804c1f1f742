import { bearerCredentials } from './bearer-credentials';

describe('bearerCredentials', () => {
  it.each([['Bearer abc.def-_'], ['bearer abc.def-_'], ['BEARER abc.def-_'], ['Bearer \t abc.def-_']])('reads the credentials of %j', (header) => {
    expect(bearerCredentials(header)).toBe('abc.def-_');
  });

  it.each([[undefined], [''], ['Bearer'], ['Bearer '], ['Basic abc'], ['Bearerabc'], ['Bearer abc def'], ['Token abc']])('finds none in %j', (header) => {
    expect(bearerCredentials(header)).toBeUndefined();
  });
});
