import { describe, expect, it } from 'vitest';
import {
  canonicalProfileUrl,
  identitiesOf,
  linkedinMemberId,
  normalizeEmail,
  splitIdentities,
} from '../../../src/core/identity';

describe('identities', () => {
  it('lower-cases emails and rejects non-addresses', () => {
    expect(normalizeEmail(' Dana@Acme.COM ')).toBe('dana@acme.com');
    expect(normalizeEmail('mailto:x@y.io')).toBe('x@y.io');
    expect(normalizeEmail('not an address')).toBeNull();
  });
  it('canonicalizes LinkedIn profiles to /in/<member id>/', () => {
    const canon = 'https://www.linkedin.com/in/dana-smith/';
    for (const form of [
      'https://www.linkedin.com/in/dana-smith/',
      'https://linkedin.com/in/Dana-Smith',
      'https://de.linkedin.com/in/dana-smith/?trk=x#y',
      'www.linkedin.com/in/dana-smith/details/experience/',
      '/in/dana-smith/',
      'dana-smith',
    ]) {
      expect(canonicalProfileUrl(form)).toBe(canon);
    }
    // Opaque member ids keep their case; encoded vanity names are decoded then re-encoded once.
    expect(linkedinMemberId('https://www.linkedin.com/in/ACoAABcdEFG123/')).toBe('ACoAABcdEFG123');
    expect(canonicalProfileUrl('https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa/')).toBe(
      canonicalProfileUrl('https://www.linkedin.com/in/José-García'),
    );
    expect(canonicalProfileUrl('https://example.com/in/dana')).toBeNull();
    expect(canonicalProfileUrl('https://www.linkedin.com/company/acme/')).toBeNull();
  });
  it('splits a mixed list', () => {
    expect(splitIdentities(['Me@X.com', 'https://www.linkedin.com/in/me/', 'junk@', ''])).toEqual({
      emails: ['me@x.com'],
      linkedin: ['https://www.linkedin.com/in/me/'],
    });
    expect(identitiesOf({ email: 'A@B.co', profileUrl: 'linkedin.com/in/ab' })).toEqual([
      { kind: 'email', value: 'a@b.co' },
      { kind: 'linkedin', value: 'https://www.linkedin.com/in/ab/' },
    ]);
  });
});
