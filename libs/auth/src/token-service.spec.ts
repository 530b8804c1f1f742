import { JwtService } from '@nestjs/jwt';
import { InvalidTokenError, TokenService } from './token-service';

const secret = 'a'.repeat(48);
const service = new TokenService({ secret, clockSkewSeconds: 30, maxTokenTtlSeconds: 86400 });

describe('TokenService', () => {
  it('round-trips subject, roles and municipalities', () => {
    const token = service.issue({ subject: 'w-17', roles: ['intake'], municipalities: ['GM0344'], ttlSeconds: 3600 });
    expect(service.verify(token)).toEqual({ subject: 'w-17', roles: ['intake'], municipalities: ['GM0344'] });
  });

  it('refuses to issue a token for an empty list of municipalities, rather than one for every municipality', () => {
    expect(() => service.issue({ subject: 'w-18', roles: ['intake'], municipalities: [], ttlSeconds: 60 })).toThrow(InvalidTokenError);
  });

  it('gives no municipality scope when the claim is absent', () => {
    const token = service.issue({ subject: 'a-1', roles: ['auditor'], ttlSeconds: 60 });
    expect(service.verify(token).municipalities).toBeNull();
  });

  const raw = new JwtService({ secret });
  /** The same token with another `alg` in its header (the signature no longer matches what the header claims). */
  const relabel = (token: string, alg: string) => {
    const [, payload, signature] = token.split('.');
    return `${Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url')}.${payload}.${signature}`;
  };
  /** A header carrying an extension parameter and naming it critical; a variable, since JwtHeader lists no such parameter. */
  const withPolicyExtension = { alg: 'HS256', crit: ['urn:example:policy'], 'urn:example:policy': 'strict' };
  it.each([
    ['neither expiry nor issue time', () => raw.sign({ roles: ['intake'] }, { subject: 's', noTimestamp: true })],
    ['no expiry, issued longer ago than the maximum lifetime', () => raw.sign({ roles: ['intake'], iat: Math.floor(Date.now() / 1000) - 86400 - 31 }, { subject: 's' })],
    ['no expiry, issued in the future', () => raw.sign({ roles: ['intake'], iat: Math.floor(Date.now() / 1000) + 120 }, { subject: 's' })],
    ['an unknown role', () => raw.sign({ roles: ['root'] }, { subject: 's', expiresIn: 60 })],
    ['no subject', () => raw.sign({ roles: ['intake'] }, { expiresIn: 60 })],
    ['an expired token', () => raw.sign({ roles: ['intake'], exp: Math.floor(Date.now() / 1000) - 120 }, { subject: 's' })],
    ['another algorithm', () => raw.sign({ roles: ['intake'] }, { subject: 's', expiresIn: 60, algorithm: 'HS512' })],
    ['another secret', () => new JwtService({ secret: 'b'.repeat(48) }).sign({ roles: ['intake'] }, { subject: 's', expiresIn: 60 })],
    ['a lifetime beyond the maximum', () => raw.sign({ roles: ['intake'] }, { subject: 's', expiresIn: 86400 * 30 })],
    ['HS384', () => raw.sign({ roles: ['intake'] }, { subject: 's', expiresIn: 60, algorithm: 'HS384' })],
    ['an HMAC signature labelled RS256', () => relabel(raw.sign({ roles: ['admin'] }, { subject: 's', expiresIn: 60 }), 'RS256')],
    ['expiry beyond the clock-skew bound', () => raw.sign({ roles: ['intake'], exp: Math.floor(Date.now() / 1000) - 45 }, { subject: 's' })],
    ['a token not valid yet', () => raw.sign({ roles: ['intake'] }, { subject: 's', expiresIn: 600, notBefore: 300 })],
    ['a lifetime beyond the maximum, with no iat', () => raw.sign({ roles: ['intake'], exp: Math.floor(Date.now() / 1000) + 86400 * 30 }, { subject: 's', noTimestamp: true })],
    ['an issue time ten years ahead, with an expiry an hour after it', () => raw.sign({ roles: ['admin'], iat: Math.floor(Date.now() / 1000) + 315_360_000, exp: Math.floor(Date.now() / 1000) + 315_363_600 }, { subject: 's' })],
    ['an issue time ahead of the clock skew, with an expiry within the maximum from now', () => raw.sign({ roles: ['admin'], iat: Math.floor(Date.now() / 1000) + 600, exp: Math.floor(Date.now() / 1000) + 3600 }, { subject: 's' })],
    // RFC 7515 §4.1.11: signed with the right secret, but naming an extension (or none) that must be understood.
    ['a crit header naming an extension', () => raw.sign({ roles: ['admin'] }, { subject: 's', expiresIn: 60, header: withPolicyExtension })],
    ['a crit header naming a registered one', () => raw.sign({ roles: ['admin'] }, { subject: 's', expiresIn: 60, header: { alg: 'HS256', crit: ['exp'] } })],
    ['an empty crit header', () => raw.sign({ roles: ['admin'] }, { subject: 's', expiresIn: 60, header: { alg: 'HS256', crit: [] } })],
    ['alg none', () => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 's', roles: ['admin'], exp: 9999999999 })).toString('base64url')}.`],
  ])('refuses %s', (_label, make) => {
    expect(() => service.verify(make())).toThrow(InvalidTokenError);
  });

  it('takes a token with only sub and roles (SPEC §9), as JWT libraries sign it, with an issue time, for the maximum lifetime from then', () => {
    expect(service.verify(raw.sign({ sub: 's', roles: ['coordinator'] })).roles).toEqual(['coordinator']);
    expect(service.verify(raw.sign({ roles: ['intake'], iat: Math.floor(Date.now() / 1000) - 86400 + 60 }, { subject: 's' })).subject).toBe('s');
  });

  it('tolerates clock skew within the bound', () => {
    const token = raw.sign({ roles: ['intake'], exp: Math.floor(Date.now() / 1000) - 10 }, { subject: 's' });
    expect(service.verify(token).subject).toBe('s');
  });

  it('refuses to issue a token beyond the maximum lifetime', () => {
    expect(() => service.issue({ subject: 's', roles: ['admin'], ttlSeconds: 86401 })).toThrow(InvalidTokenError);
  });
});
