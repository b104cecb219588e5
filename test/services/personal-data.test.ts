import { randomBytes } from 'node:crypto';
import { createPersonalDataCipher } from '../../src/services/personal-data';

const key = randomBytes(32).toString('base64');

describe('personal data cipher', () => {
  test('encrypts to a different text each time and decrypts back', () => {
    const cipher = createPersonalDataCipher(key);
    const a = cipher.encrypt('430102200509150015');
    const b = cipher.encrypt('430102200509150015');
    expect(a).not.toBe(b);
    expect(a).not.toContain('430102200509150015');
    expect(cipher.decrypt(a)).toBe('430102200509150015');
  });

  test('a tampered cipher text is refused', () => {
    const cipher = createPersonalDataCipher(key);
    const sealed = cipher.encrypt('13812345678');
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => cipher.decrypt(`v1:${bytes.toString('base64')}`)).toThrow();
  });

  test('the blind index is stable per key and differs between keys and kinds', () => {
    const one = createPersonalDataCipher(key);
    const other = createPersonalDataCipher(randomBytes(32).toString('base64'));
    expect(one.blindIndex('nationalId', 'x')).toBe(one.blindIndex('nationalId', 'x'));
    expect(one.blindIndex('nationalId', 'x')).not.toBe(other.blindIndex('nationalId', 'x'));
    expect(one.blindIndex('nationalId', 'x')).not.toBe(one.blindIndex('phone', 'x'));
  });

  test('a key of the wrong length is refused at start', () => {
    expect(() => createPersonalDataCipher(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
