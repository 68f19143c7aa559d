/**
 * A stand-in for ProConnect in tests: a locally generated RSA key pair, its JWKS served on a
 * free loopback port, and agents' tokens signed with it (or with a stranger's key, expired, for
 * another audience… to be refused).
 */
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenClaims {
  scope?: string;
  audience?: string;
  issuer?: string;
  /** jose's time span, e.g. `5m`, `-1m` for an expired token. */
  expiresIn?: string;
  /** Sign with another key than the provider's (a forged token). */
  forged?: boolean;
}

export interface TestIdentityProvider {
  issuer: string;
  audience: string;
  jwksUrl: string;
  token(claims?: TokenClaims): Promise<string>;
  close(): Promise<void>;
}

export async function startIdentityProvider(): Promise<TestIdentityProvider> {
  const issuer = 'https://proconnect.test/api/v2';
  const audience = 'gouvgraph';
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const stranger: CryptoKey = (await generateKeyPair('RS256')).privateKey;
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' }] });
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    issuer,
    audience,
    jwksUrl: `http://127.0.0.1:${port}/jwks`,
    token: (claims = {}) =>
      new SignJWT(claims.scope ? { scope: claims.scope } : {})
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(claims.issuer ?? issuer)
        .setAudience(claims.audience ?? audience)
        .setSubject('agent-7f3a')
        .setIssuedAt()
        .setExpirationTime(claims.expiresIn ?? '5m')
        .sign(claims.forged ? stranger : privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
