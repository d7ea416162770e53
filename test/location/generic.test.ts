import { describe, expect, it } from 'vitest';
import { isGenericName, isPointingName } from '../../db/names/generic.js';

describe('generic names', () => {
  it.each(['my house', 'old blue warehouse', 'House 12', 'school # 100', 'alley houses and garage', 'map only', 'gas sta'])(
    'takes "%s" for a kind of place, not a place',
    (name) => expect(isGenericName(name)).toBe(true),
  );
  it.each(['Patterson Park', 'Camden Yards', 'the aquarium', 'Lexington Market', '33rd street'])('takes "%s" for a name', (name) =>
    expect(isGenericName(name)).toBe(false),
  );
  it('takes "my" and "back" for pointing, and "church" for a street\'s name', () => {
    expect(isPointingName('my')).toBe(true);
    expect(isPointingName('back')).toBe(true);
    expect(isPointingName('church')).toBe(false);
  });
});
