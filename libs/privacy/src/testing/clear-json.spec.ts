import { clearJsonOf } from './clear-json';

describe('clearJsonOf', () => {
  it('leaves out only the bytes of seals, so a word anywhere else is still found', () => {
    const json = clearJsonOf({
      language: 'apc',
      personal: { alg: 'A256GCM', kv: 1, iv: 'apcA', ct: 'xxapcxx', tag: 'apc=' },
      rows: [{ ct: 'apc', note: 'not a seal: no alg beside it' }],
    });
    expect(json).toBe('{"language":"apc","personal":{"alg":"A256GCM","kv":1,"iv":"<iv>","ct":"<ct>","tag":"<tag>"},"rows":[{"ct":"apc","note":"not a seal: no alg beside it"}]}');
  });
});
