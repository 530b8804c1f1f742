import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { MasterKey } from './master-key';

describe('MasterKey', () => {
  it('shows only its id when logged or serialised', () => {
    const bytes = randomBytes(32);
    const key = MasterKey.fromBytes(bytes);
    const shown = [inspect(key), JSON.stringify({ key }), String(Object.keys(key))].join(' ');
    expect(shown).toContain(key.id);
    for (const encoding of ['hex', 'base64'] as const) expect(shown).not.toContain(bytes.toString(encoding));
  });

  it('binds a wrapped key to its subject and version', () => {
    const key = MasterKey.generate();
    const amal = { type: 'newcomer' as const, id: 'a' };
    const wrapped = key.wrap(amal, 1, randomBytes(32));
    expect(() => key.unwrap({ type: 'newcomer', id: 'b' }, wrapped)).toThrow('failed authentication');
    expect(() => key.unwrap({ type: 'key-person', id: 'a' }, wrapped)).toThrow('failed authentication');
    expect(() => key.unwrap(amal, { ...wrapped, version: 2 })).toThrow('failed authentication');
  });

  it('names both master keys when a data key was wrapped under another', () => {
    const [key, other] = [MasterKey.generate(), MasterKey.generate()];
    const amal = { type: 'newcomer' as const, id: 'a' };
    expect(() => other.unwrap(amal, key.wrap(amal, 1, randomBytes(32)))).toThrow(
      `The data key of newcomer a was written under master key ${key.id}, but the configured master key is ${other.id}`,
    );
  });
});
