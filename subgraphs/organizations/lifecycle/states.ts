// Which step may follow which: the admission state machine (R2: 受理 → 初审 → 评审 → 公示 → 入驻, or a
// rejection at any step until decided) and the states of an incubation (R3 → R5 出壳 or R6 退出).
// Pure: the steps ask it, the unit tests check it alone.
import { conflict } from '../../kit/errors';
import { ApplicationStatus } from '../entities/application';
import { IncubationStatus } from '../entities/incubation';

/** Each admission step: the status it needs, the status it leaves, and how a refusal names it. */
export const ADMISSION_STEPS = {
  accept: { needs: ApplicationStatus.SUBMITTED, leads: ApplicationStatus.ACCEPTED, action: 'accept it' },
  passPreliminaryReview: { needs: ApplicationStatus.ACCEPTED, leads: ApplicationStatus.PRELIMINARY_PASSED, action: 'pass its preliminary review' },
  recordExpertReview: { needs: ApplicationStatus.PRELIMINARY_PASSED, leads: ApplicationStatus.EXPERT_PASSED, action: 'record its expert review' },
  publishNotice: { needs: ApplicationStatus.EXPERT_PASSED, leads: ApplicationStatus.IN_NOTICE, action: 'publish its notice' },
  admit: { needs: ApplicationStatus.IN_NOTICE, leads: ApplicationStatus.ADMITTED, action: 'admit it' },
} as const;

export type AdmissionStep = keyof typeof ADMISSION_STEPS;

/** The status an application moves to by `step`; CONFLICT, naming where it stands, when out of order. */
export function nextStatus(status: ApplicationStatus, step: AdmissionStep): ApplicationStatus {
  const { needs, leads, action } = ADMISSION_STEPS[step];
  if (status !== needs) {
    throw conflict(`Cannot ${action}: the application is ${status}, and this step needs it ${needs}. Steps go 受理 → 初审 → 评审 → 公示 → 入驻.`);
  }
  return leads;
}

/** An application may be rejected at any step until it is decided (admitted or rejected). */
export function checkRejectable(status: ApplicationStatus): void {
  if (status === ApplicationStatus.ADMITTED || status === ApplicationStatus.REJECTED) {
    throw conflict(`This application is ${status.toLowerCase()} already; it cannot be rejected now.`);
  }
}

/** The expert panel's verdict 评审: the total of the four scores against the pass mark a province sets. */
export function expertVerdict(total: number, passMark: number): { passed: true } | { passed: false; reason: string } {
  return total >= passMark ? { passed: true } : { passed: false, reason: `expert review total ${total} is below the pass mark ${passMark}` };
}

/** Graduation and exit end an incubation that is still running; either happens once. */
export function checkIncubating(status: IncubationStatus, endedOn: string | null, action: string): void {
  if (status !== IncubationStatus.INCUBATING) throw conflict(`Cannot ${action}: the incubation is ${status} already (since ${endedOn}).`);
}
