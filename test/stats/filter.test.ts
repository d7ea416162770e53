import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/stats/csv.js';
import { cityToday, parseFilter } from '../../src/stats/filter.js';

describe('the period and line of a CityStat request', () => {
  it('defaults to the last 30 Baltimore days, both lines', () => {
    // 02:00 UTC on 1 March is still 28 February in Baltimore.
    const now = new Date('2025-03-01T02:00:00Z');
    expect(cityToday(now)).toBe('2025-02-28');
    expect(parseFilter({}, now)).toEqual({ from: '2025-01-30', to: '2025-02-28', line: 'both' });
  });

  it('takes from, to and line as given', () => {
    expect(parseFilter({ from: '2024-01-01', to: '2024-12-31', line: 'out-of-area' })).toEqual({ from: '2024-01-01', to: '2024-12-31', line: 'out-of-area' });
  });

  it('refuses dates that do not exist, periods that run backwards or longer than two years, and unknown lines', () => {
    expect(() => parseFilter({ from: '2025-02-29', to: '2025-03-01' })).toThrow(/not a date/);
    expect(() => parseFilter({ from: '2025-03-02', to: '2025-03-01' })).toThrow(/start on or before its end/);
    expect(() => parseFilter({ from: '2022-01-01', to: '2024-01-02' })).toThrow(/at most 731 days/);
    expect(() => parseFilter({ line: 'outOfArea' })).toThrow(/Unknown line/);
  });
});

describe('CSV for spreadsheets', () => {
  it('quotes commas and quotes, leaves numbers bare and empties nulls', () => {
    expect(toCsv(['a', 'b', 'c'], [['Street, curb "or" alley', 3, null]])).toBe('a,b,c\r\n"Street, curb ""or"" alley",3,\r\n');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(toCsv(['name'], [['=HYPERLINK("x")'], ['@SUM(A1)'], ['-1+2']])).toBe(`name\r\n"'=HYPERLINK(""x"")"\r\n'@SUM(A1)\r\n'-1+2\r\n`);
  });
});
