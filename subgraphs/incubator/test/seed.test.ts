import { describe, expect, it } from 'vitest';
import { cleanUrl } from '../src/db/seed.js';

describe('links from the source data', () => {
  it('keep absolute http(s) URLs, decoded when the source escaped them as HTML', () => {
    // As beta.gouv.fr wrote the Fronton startup's link.
    expect(cleanUrl('https:&#x2F;&#x2F;kwenduparis.wixsite.com&#x2F;equipements-fronton-')).toBe(
      'https://kwenduparis.wixsite.com/equipements-fronton-',
    );
    expect(cleanUrl(' https://beta.gouv.fr/?a=1&amp;b=2 ')).toBe('https://beta.gouv.fr/?a=1&b=2');
    expect(cleanUrl('beta.gouv.fr')).toBeNull();
    expect(cleanUrl('javascript:alert(1)')).toBeNull();
    expect(cleanUrl('')).toBeNull();
  });
});
