// The pure rules of the incubation process, alone: half-year periods, date order, and which admission
// step may follow which. No federation is called; the steps that use these are tested through the
// gateway in tests/lifecycle.test.ts.
import { ApplicationStatus } from '../../subgraphs/organizations/entities/application';
import { IncubationStatus } from '../../subgraphs/organizations/entities/incubation';
import { daysFromTo, notBefore, pastOrToday, withinIncubation } from '../../subgraphs/organizations/lifecycle/dates';
import { checkEvaluable, halfYearsEnded, periodBounds } from '../../subgraphs/organizations/lifecycle/periods';
import { ADMISSION_STEPS, checkIncubating, checkRejectable, expertVerdict, nextStatus, type AdmissionStep } from '../../subgraphs/organizations/lifecycle/states';

/** The code and message a refusal carries, or null when `check` passes. */
function refusal(check: () => unknown): { code: unknown; message: string } | null {
  try {
    check();
    return null;
  } catch (error) {
    const { extensions, message } = error as { extensions: { code: unknown }; message: string };
    return { code: extensions.code, message };
  }
}

describe('half-year periods 半年', () => {
  it('spans a half-year from its first to its last day', () => {
    expect(periodBounds('2016H1')).toEqual({ from: '2016-01-01', to: '2016-06-30' });
    expect(periodBounds('2016H2')).toEqual({ from: '2016-07-01', to: '2016-12-31' });
  });

  it.each(['2016Q1', '2016H3', '16H1', '2016h1', ''])('refuses the period "%s", showing the form it takes', (period) => {
    expect(refusal(() => periodBounds(period))).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/like 2016H1 or 2016H2/) });
  });

  it('lets a half-year be evaluated only if the incubation ran in it and it is over', () => {
    const ok = (period: string, endedOn: string | null = null) => refusal(() => checkEvaluable(period, '2024-03-15', endedOn, '2025-08-01'));
    expect(ok('2024H1')).toBeNull(); // admitted mid-half-year: that half counts
    expect(ok('2025H1')).toBeNull(); // ended on 2025-06-30
    expect(ok('2025H2')?.message).toBe('2025H2 is not over yet (it ends on 2025-12-31); evaluate a half-year after it ends.');
    expect(ok('2023H2')?.message).toMatch(/ended before this incubation began \(2024-03-15\)/);
    expect(ok('2026H1')?.message).toMatch(/^2026H1 is not over yet/);
    expect(ok('2025H1', '2024-12-31')?.message).toMatch(/began after this incubation ended \(2024-12-31\)/);
    expect(ok('2024H2', '2024-07-01')).toBeNull(); // ended on the half's first day: it ran in it
  });

  it('lists the half-years that ended while an incubation ran, before a day', () => {
    expect(halfYearsEnded('2024-03-15', null, '2025-08-01')).toEqual(['2024H1', '2024H2', '2025H1']);
    expect(halfYearsEnded('2024-03-15', '2024-09-10', '2025-08-01')).toEqual(['2024H1', '2024H2']);
    expect(halfYearsEnded('2024-03-15', null, '2024-06-30')).toEqual([]); // H1 ends on that day: not before it
    expect(halfYearsEnded('2024-07-01', '2025-01-01', '2026-01-01')).toEqual(['2024H2', '2025H1']);
  });
});

describe('dates of a step', () => {
  it('records nothing ahead of time, and nothing that is not a calendar day', () => {
    expect(refusal(() => pastOrToday('2025-03-01', 'on', '2025-03-01'))).toBeNull();
    expect(refusal(() => pastOrToday('2025-03-02', 'on', '2025-03-01'))).toEqual({ code: 'BAD_USER_INPUT', message: 'on 2025-03-02 is in the future; record it on or after the day it happens.' });
    expect(refusal(() => pastOrToday('2025-02-30x', 'admittedOn', '2025-03-01'))?.message).toMatch(/admittedOn 2025-02-30x is not a calendar date/);
  });

  it('keeps a step on or after the one it follows', () => {
    expect(refusal(() => notBefore('2025-03-02', '2025-03-02', 'acceptance', 'submission'))).toBeNull();
    expect(refusal(() => notBefore('2025-03-01', '2025-03-02', 'acceptance', 'submission'))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'The acceptance (2025-03-01) cannot come before the submission (2025-03-02).',
    });
  });

  it('counts a notice with its first and last day', () => {
    expect(daysFromTo('2025-03-16', '2025-03-22')).toBe(7);
    expect(daysFromTo('2025-02-25', '2025-03-03')).toBe(7); // across the end of February
  });

  it('keeps services and grants inside the incubation', () => {
    expect(refusal(() => withinIncubation('2024-05-01', '2024-05-01', null, 'A service'))).toBeNull();
    expect(refusal(() => withinIncubation('2024-04-30', '2024-05-01', null, 'A service'))?.message).toBe('A service on 2024-04-30 falls outside the incubation (2024-05-01 to now).');
    expect(refusal(() => withinIncubation('2025-01-02', '2024-05-01', '2025-01-01', 'A micro-grant'))?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the admission state machine (R2)', () => {
  const order: AdmissionStep[] = ['accept', 'passPreliminaryReview', 'recordExpertReview', 'publishNotice', 'admit'];

  it('walks 受理 → 初审 → 评审 → 公示 → 入驻 from a submitted application', () => {
    let status = ApplicationStatus.SUBMITTED;
    const walked = order.map((step) => (status = nextStatus(status, step)));
    expect(walked).toEqual([ApplicationStatus.ACCEPTED, ApplicationStatus.PRELIMINARY_PASSED, ApplicationStatus.EXPERT_PASSED, ApplicationStatus.IN_NOTICE, ApplicationStatus.ADMITTED]);
  });

  it('refuses every step from every status but the one it needs, naming where the application stands', () => {
    for (const step of order) {
      for (const status of Object.values(ApplicationStatus)) {
        if (status === ADMISSION_STEPS[step].needs) continue;
        expect(refusal(() => nextStatus(status, step))).toEqual({ code: 'CONFLICT', message: expect.stringContaining(`the application is ${status}, and this step needs it ${ADMISSION_STEPS[step].needs}`) });
      }
    }
  });

  it('rejects until the application is decided, and not after', () => {
    for (const status of [ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED, ApplicationStatus.PRELIMINARY_PASSED, ApplicationStatus.EXPERT_PASSED, ApplicationStatus.IN_NOTICE]) {
      expect(refusal(() => checkRejectable(status))).toBeNull();
    }
    expect(refusal(() => checkRejectable(ApplicationStatus.ADMITTED))).toEqual({ code: 'CONFLICT', message: 'This application is admitted already; it cannot be rejected now.' });
    expect(refusal(() => checkRejectable(ApplicationStatus.REJECTED))?.code).toBe('CONFLICT');
  });

  it('passes an expert total at or above the pass mark, and gives the reason below it', () => {
    expect(expertVerdict(240, 240)).toEqual({ passed: true });
    expect(expertVerdict(215, 240)).toEqual({ passed: false, reason: 'expert review total 215 is below the pass mark 240' });
    expect(expertVerdict(215, 200)).toEqual({ passed: true }); // the pass mark is the province's setting
  });

  it('ends an incubation once: graduation or exit only while it runs', () => {
    expect(refusal(() => checkIncubating(IncubationStatus.INCUBATING, null, 'graduate'))).toBeNull();
    expect(refusal(() => checkIncubating(IncubationStatus.GRADUATED, '2025-02-20', 'exit'))).toEqual({
      code: 'CONFLICT',
      message: 'Cannot exit: the incubation is GRADUATED already (since 2025-02-20).',
    });
  });
});
