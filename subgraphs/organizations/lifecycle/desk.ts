// The incubation process of the policy (R1–R6, C1–C4) lives in this folder: admission.ts (R1–R2),
// incubation.ts (R3–R6), one function per step of the shape (tx, authorize, input, desk), each holding
// all of its own checks; states.ts, dates.ts and periods.ts are the pure rules they share. The GraphQL
// mutations call the steps inside `write()`; the demo seed calls the same ones.
//
// The desk is what every step is given beside its input: the day it is recorded on, the admission
// rules a province tunes, and where hosts are looked up. Resolvers take today's desk per request from
// the settings read at start; the demo seed takes one with the demo plan's hosts.
import { today } from '../../kit/runtime';
import { federatedHosts, type HostDirectory } from '../hosts';
import { settings } from '../settings';

/** The admission rules (R2) a province tunes: FUHUA_EXPERT_PASS_MARK, FUHUA_NOTICE_MIN_DAYS. */
export interface AdmissionRules {
  /** The lowest total of the four expert scores 评审 that passes. */
  expertPassMark: number;
  /** The shortest public notice 公示, in days, first and last counted. */
  noticeMinDays: number;
}

export interface Desk {
  /** Today, China Standard Time: nothing may be recorded after it. */
  today: string;
  rules: AdmissionRules;
  /** Where a host named in an application is found (its owning subgraph, or the demo plan). */
  hosts: HostDirectory;
}

const federated = federatedHosts();

/** Today's desk: the admission rules read at start, and the federation's hosts (or the demo plan's). */
export function deskToday(hosts: HostDirectory = federated): Desk {
  const { expertPassMark, noticeMinDays } = settings();
  return { today: today(), rules: { expertPassMark, noticeMinDays }, hosts };
}
