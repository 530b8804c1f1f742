import { ROLES } from '@sleutel/auth';
import { referenceData } from '@sleutel/reference';
import { keyPersonBody, newcomerBody } from './support/bodies';
import { startTestApp, TestApp } from './support/test-app';

type Answer<T> = { items: T[]; source: { source: string; version: string; date: string; count: number } };
type Language = { code: string; name: string; macrolanguage?: string };
type Country = { code: string; en: string; nl: string };
type Municipality = { code: string; name: string; province: string };

/**
 * The reference lists for a form's pickers (SPEC §3): languages, countries and
 * municipalities searched by code or name, with where each list comes from;
 * for every role, never anonymously; a scoped token sees its own
 * municipalities only.
 */
describe('Reference lists', () => {
  let t: TestApp;
  let intake: string;

  beforeAll(async () => {
    t = await startTestApp();
    intake = t.token('intake');
  });
  afterAll(() => t.close());

  const get = <T>(path: string, token = intake) => t.http.get(`/api/v1/reference/${path}`).set('Authorization', `Bearer ${token}`);
  const found = async <T>(path: string, token = intake): Promise<Answer<T>> => (await get<T>(path, token).expect(200)).body as Answer<T>;
  const codesOf = (answer: Answer<{ code: string }>) => answer.items.map((item) => item.code);

  it('answers every role with the items and their provenance, and nobody without a token', async () => {
    for (const role of ROLES) {
      for (const [path, source] of [['languages', referenceData.languages], ['countries', referenceData.countries], ['municipalities', referenceData.municipalities]] as const) {
        const answer = await found(path, t.token(role));
        expect({ role, path, source: answer.source, items: answer.items.length }).toEqual({ role, path, source: { ...source }, items: 20 });
      }
    }
    const anonymous = await t.http.get('/api/v1/reference/languages?q=apc');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  describe('languages', () => {
    it('finds by code or name, in any case and with or without diacritics, best match first', async () => {
      expect((await found<Language>('languages?q=levantine')).items).toEqual([
        { code: 'apc', name: 'North Levantine Arabic', nl: 'Levantijns-Arabisch', macrolanguage: 'ara' },
        { code: 'ajp', name: 'South Levantine Arabic', nl: 'Levantijns-Arabisch', macrolanguage: 'ara' },
      ]);
      expect(codesOf(await found('languages?q=TIGRINYA'))).toEqual(['tir']);
      expect(codesOf(await found(`languages?q=${encodeURIComponent('ngäbere')}`))).toEqual(['gym']);
      expect(codesOf(await found('languages?q=ngabere'))).toEqual(['gym']);
      // The exact code, then codes beginning with it, then names.
      expect(codesOf(await found('languages?q=ara&limit=3'))).toEqual(['ara', 'arl', 'arg']);
      expect(codesOf(await found('languages?q=arab&limit=1'))).toEqual(['ara']);
      expect(codesOf(await found('languages?q=kurdish&limit=4'))).toEqual(['kur', 'ckb', 'kmr', 'sdh']);
      expect((await found('languages?q=zzzzqq')).items).toEqual([]);
      // And by the Dutch name, as intake workers type it.
      expect(codesOf(await found('languages?q=Arabisch&limit=1'))).toEqual(['ara']);
      expect(codesOf(await found('languages?q=Koerdisch&limit=2'))).toEqual(['kur', 'kmr']);
    });

    it('answers asked codes in the order asked, all of them without a limit, with a macrolanguage only where there is one', async () => {
      const answer = await found<Language>('languages?codes=eng,apc');
      expect(answer.items).toEqual([{ code: 'eng', name: 'English', nl: 'Engels' }, { code: 'apc', name: 'North Levantine Arabic', nl: 'Levantijns-Arabisch', macrolanguage: 'ara' }]);
      expect(answer.items[0]).not.toHaveProperty('macrolanguage');
      const many = ['apc', 'ara', 'prs', 'tir', 'kmr', 'ckb', 'nld', 'eng', 'som', 'fra', 'deu', 'spa', 'por', 'ita', 'rus', 'ukr', 'pol', 'tur', 'pus', 'urd', 'hin', 'amh', 'fas', 'pes', 'arb'];
      expect(codesOf(await found(`languages?codes=${many.join(',')}`))).toEqual(many);
      expect(codesOf(await found('languages?codes=apc&codes=eng'))).toEqual(['apc', 'eng']);
      expect(codesOf(await found('languages?codes=apc,,%20eng,apc'))).toEqual(['apc', 'eng']);
      expect(codesOf(await found(`languages?codes=${many.join(',')}&limit=2`))).toEqual(['apc', 'ara']);
    });

    it('offers codes a profile accepts, historical ones too, and a profile refuses what it does not offer', async () => {
      const [latin] = (await found<Language>('languages?q=latin&limit=1')).items;
      expect(latin.code).toBe('lat');
      await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${intake}`).send(newcomerBody({ languages: [{ code: latin.code, level: 'basic' }] })).expect(201);

      expect((await found('languages?q=qqq')).items).toEqual([]);
      await get('languages?codes=qqq').expect(400);
      const refused = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${intake}`).send(newcomerBody({ languages: [{ code: 'qqq', level: 'basic' }] }));
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'languages[0].code', rule: 'iso-639-3' })]);
    });

    describe('the ISO 639-3 special codes mis, mul, und and zxx, which name no language (SPEC §4 inv. 5)', () => {
      const SPECIAL = ['mis', 'mul', 'und', 'zxx'];

      it('are not offered, by name or by code, and asked for they are refused like unknown codes', async () => {
        for (const q of ['multiple', 'undetermined', 'uncoded', 'linguistic', ...SPECIAL]) {
          const codes = codesOf(await found(`languages?q=${q}&limit=100`));
          expect({ q, special: codes.filter((code) => SPECIAL.includes(code)) }).toEqual({ q, special: [] });
        }
        const before = await t.logLength();
        const response = await get(`languages?codes=apc,${SPECIAL.join(',')}`);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
        expect(response.body.errors).toEqual([{ field: 'codes', rule: 'iso-639-3', message: expect.stringContaining('"mis", "mul", "und", "zxx"') }]);
        expect(await t.logLength()).toBe(before);
      });

      it.each(SPECIAL)('a newcomer or key person with %s is refused with a 400 naming the field and the rule, and nothing is stored', async (code) => {
        const before = await t.logLength();
        const newcomer = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${intake}`)
          .send(newcomerBody({ languages: [{ code, level: 'native' }, { code: 'tir', level: 'native' }] }));
        expect(newcomer.status).toBe(400);
        expect(newcomer.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(newcomer.body.errors).toEqual([{ field: 'languages[0].code', rule: 'iso-639-3', message: expect.stringMatching(/must name a language: .*name each language/) }]);
        expect(newcomer.body.errors[0].message).toContain('mis, mul, und and zxx'); // one sentence for all four: a message names the rule, not the value

        const keyPerson = await t.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${t.token('coordinator')}`)
          .send(keyPersonBody({ languages: [{ code: 'fas', level: 'native' }, { code, level: 'native' }] }));
        expect(keyPerson.status).toBe(400);
        expect(keyPerson.body.errors).toEqual([expect.objectContaining({ field: 'languages[1].code', rule: 'iso-639-3' })]);
        expect(await t.logLength()).toBe(before);
      });

      it('is refused in a change of languages too, and the profile keeps its languages', async () => {
        const created = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${intake}`).send(newcomerBody()).expect(201);
        const before = await t.logLength();
        const patched = await t.http.patch(`/api/v1/newcomers/${created.body.id}`).set('Authorization', `Bearer ${intake}`).set('If-Match', '"0"')
          .send({ languages: [{ code: 'apc', level: 'native' }, { code: 'mul', level: 'native' }] });
        expect(patched.status).toBe(400);
        expect(patched.body.errors).toEqual([expect.objectContaining({ field: 'languages[1].code', rule: 'iso-639-3' })]);
        expect(await t.logLength()).toBe(before);
        const current = await t.http.get(`/api/v1/newcomers/${created.body.id}`).set('Authorization', `Bearer ${t.token('coordinator')}`).expect(200);
        expect(current.body.languages).toEqual(newcomerBody().languages);
      });

      it('macrolanguages stay valid: Arabic, Persian and Kurdish', async () => {
        const languages = ['ara', 'fas', 'kur'].map((code) => ({ code, level: 'fluent' }));
        await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${intake}`).send(newcomerBody({ languages })).expect(201);
      });
    });

    it('refuses unknown codes, naming the field, the rule and the codes', async () => {
      const before = await t.logLength();
      const response = await get('languages?codes=apc,APC,xx');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
      expect(response.body.errors).toEqual([{ field: 'codes', rule: 'iso-639-3', message: expect.stringContaining('"APC", "xx"') }]);
      expect(await t.logLength()).toBe(before);
    });
  });

  describe('countries', () => {
    it('finds by code, English or Dutch name, without diacritics', async () => {
      expect((await found<Country>('countries?q=syrie')).items).toEqual([{ code: 'SY', en: 'Syrian Arab Republic', nl: 'Syrië' }]);
      expect(codesOf(await found('countries?q=Nederland'))).toEqual(['NL']);
      expect(codesOf(await found('countries?q=er&limit=1'))).toEqual(['ER']);
      expect(codesOf(await found('countries?q=ivoorkust'))).toEqual(['CI']);
      expect(codesOf(await found('countries?limit=100'))).toHaveLength(100);
    });

    it('answers asked codes, and refuses lower-case or unknown ones', async () => {
      expect(codesOf(await found('countries?codes=NL,SY,ER'))).toEqual(['NL', 'SY', 'ER']);
      const response = await get('countries?codes=SY,sy,ZZ').expect(400);
      expect(response.body.errors).toEqual([{ field: 'codes', rule: 'iso-3166-1', message: expect.stringContaining('"sy", "ZZ"') }]);
    });
  });

  describe('municipalities', () => {
    it('finds by name or code, with the province', async () => {
      expect((await found<Municipality>('municipalities?q=utrecht')).items).toEqual([
        { code: 'GM0344', name: 'Utrecht', province: 'Utrecht' },
        { code: 'GM1581', name: 'Utrechtse Heuvelrug', province: 'Utrecht' },
      ]);
      expect(codesOf(await found('municipalities?q=gravenhage'))).toEqual(['GM0518']);
      expect(codesOf(await found('municipalities?q=gm0599'))).toEqual(['GM0599']);
      expect(codesOf(await found('municipalities?codes=GM0599,GM0363'))).toEqual(['GM0599', 'GM0363']);
    });

    it('shows a scoped token only its own municipalities, and names asked ones outside its scope', async () => {
      const scoped = t.token('coordinator', { municipalities: ['GM0344', 'GM0363'] });
      const answer = await found<Municipality>('municipalities?limit=100', scoped);
      expect(codesOf(answer)).toEqual(['GM0363', 'GM0344']);
      expect(answer.source.count).toBe(referenceData.municipalities.count);
      expect((await found('municipalities?q=rotterdam', scoped)).items).toEqual([]);
      expect(codesOf(await found('municipalities?q=utrecht', scoped))).toEqual(['GM0344']);

      const outside = await get('municipalities?codes=GM0344,GM0599,GM9999', scoped).expect(400);
      expect(outside.body.errors).toEqual([
        { field: 'codes', rule: 'cbs-municipality', message: expect.stringContaining('"GM9999"') },
        { field: 'codes', rule: 'token-scope', message: expect.stringContaining('"GM0599"') },
      ]);
      expect(codesOf(await found('municipalities?codes=GM0599', t.token('coordinator')))).toEqual(['GM0599']);
    });
  });

  it.each([
    ['languages?limit=0', 'limit'],
    ['languages?limit=101', 'limit'],
    ['countries?limit=abc', 'limit'],
    ['municipalities?limit=2.5', 'limit'],
    [`languages?q=${'a'.repeat(101)}`, 'q'],
    ['countries?q=a&q=b', 'q'],
    ['languages?codes=', 'codes'],
    ['languages?codes=,', 'codes'],
    [`languages?codes=${Array.from({ length: 101 }, () => 'apc').join(',')}`, 'codes'],
    [`municipalities?codes=${'G'.repeat(17)}`, 'codes'],
    ['languages?lang=nl', 'lang'],
  ])('refuses %s with a problem naming %s', async (path, field) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });
});
