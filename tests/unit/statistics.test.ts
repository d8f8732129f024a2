// The statistics' period and time buckets, alone: what `from`/`to`/`fromDate`/`toDate` mean, how YEAR and
// HALF_YEAR cut a period, and the refusals. The grouped statement itself is tested through the gateway
// in tests/statistics.test.ts.
import 'reflect-metadata';
import { today } from '../../subgraphs/kit/runtime/dates';
import { bucketsOf, checkStatisticsScope, statisticsPeriod } from '../../subgraphs/kit/runtime/statistics';

const code = (check: () => unknown) => {
  try {
    check();
    return null;
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe('the period of a statistics query', () => {
  it('runs from 2014 to today by default, whole years for from/to, days for fromDate/toDate', () => {
    expect(statisticsPeriod({ scope: '000000' })).toEqual({ from: '2014-01-01', to: today() });
    expect(statisticsPeriod({ scope: '000000', from: 2015, to: 2017 })).toEqual({ from: '2015-01-01', to: '2017-12-31' });
    expect(statisticsPeriod({ scope: '000000', fromDate: '2015-03-02', to: 2015 })).toEqual({ from: '2015-03-02', to: '2015-12-31' });
  });

  it('never runs past today', () => {
    expect(statisticsPeriod({ scope: '000000', from: 2020, to: 2100 }).to).toBe(today());
  });

  it('refuses a start or end given twice, an empty period and a year the register cannot hold', () => {
    expect(code(() => statisticsPeriod({ scope: '000000', from: 2015, fromDate: '2015-01-01' }))).toBe('BAD_USER_INPUT');
    expect(code(() => statisticsPeriod({ scope: '000000', to: 2015, toDate: '2015-01-01' }))).toBe('BAD_USER_INPUT');
    expect(code(() => statisticsPeriod({ scope: '000000', from: 2018, to: 2016 }))).toBe('BAD_USER_INPUT');
    expect(code(() => statisticsPeriod({ scope: '000000', from: 99999 }))).toBe('BAD_USER_INPUT');
  });
});

describe('time buckets', () => {
  const period = { from: '2015-03-01', to: '2016-08-15' };

  it('leaves the period whole without a time dimension', () => {
    expect(bucketsOf(period, null)).toEqual([{ year: null, halfYear: null, start: '2015-03-01', end: '2016-08-15' }]);
  });

  it('cuts it into years, the first and last cut to the period', () => {
    expect(bucketsOf(period, 'YEAR')).toEqual([
      { year: 2015, halfYear: null, start: '2015-03-01', end: '2015-12-31' },
      { year: 2016, halfYear: null, start: '2016-01-01', end: '2016-08-15' },
    ]);
  });

  it('cuts it into half-years', () => {
    expect(bucketsOf(period, 'HALF_YEAR').map((b) => [b.halfYear, b.start, b.end])).toEqual([
      ['2015H1', '2015-03-01', '2015-06-30'],
      ['2015H2', '2015-07-01', '2015-12-31'],
      ['2016H1', '2016-01-01', '2016-06-30'],
      ['2016H2', '2016-07-01', '2016-08-15'],
    ]);
  });
});

describe('the scope of a statistics query', () => {
  it('takes the nation and any region of the register; refuses what is not a code, and names what no region has', () => {
    for (const scope of ['000000', '440000', '220100', '640104']) expect(checkStatisticsScope(scope)).toBe(scope);
    expect(code(() => checkStatisticsScope('2201'))).toBe('BAD_USER_INPUT');
    expect(code(() => checkStatisticsScope('990000'))).toBe('NOT_FOUND');
  });
});
