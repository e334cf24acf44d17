/**
 * Insights.backOfficeWaits: waits before back-office activities, by their department; where the
 * working calendar is known (working-time.ts), each wait also in working time only
 * (`workingSeconds`), and Insights.workingCalendar names the calendar.
 */
import { Distribution, type DistributionJson } from '../../distribution';
import { NONE } from '../../event-store';
import type { WorkingCalendar } from '../../insights-types';
import { getOrAdd } from '../../maps';
import {
  distributionsFromJson,
  distributionsToJson,
  insightMeasure,
  mergeDistributions,
} from '../measure';
import { waitRows } from '../wait-rows';

export interface BackOfficePartial {
  /** Department ('' for none) → waits. */
  backOffice: Map<string, Distribution>;
  /** The same waits in working time; empty when no calendar is known. */
  backOfficeWorking: Map<string, Distribution>;
  workingCalendar: WorkingCalendar | null;
}

export interface BackOfficeJson {
  backOffice: [string, DistributionJson][];
  /** Absent in partials stored before working time was measured. */
  backOfficeWorking?: [string, DistributionJson][];
  workingCalendar?: WorkingCalendar | null;
}

const clock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export const backOfficeWaits = insightMeasure<BackOfficePartial, BackOfficeJson>({
  empty: () => ({ backOffice: new Map(), backOfficeWorking: new Map(), workingCalendar: null }),
  tally: (target, { columns, backOfficeChannel, working }) => {
    if (working && working.options.calendar !== 'none') {
      target.workingCalendar = {
        calendar: working.options.calendar,
        start: clock(working.options.startMinute),
        end: clock(working.options.endMinute),
        timeZone: working.timeZone,
      };
    }
    return {
      addJourney: ({ facts: { buf, lo, hi } }) => {
        for (let k = lo + 1; k < hi; k += 1) {
          const i = buf.sorted[k];
          const channel = buf.channel[i];
          if (channel < 0 || backOfficeChannel[channel] !== 1) continue;
          const from = buf.completeAt[buf.sorted[k - 1]];
          const to = buf.startAt[i];
          const wait = Math.max(0, to - from);
          const dept = columns.departmentOf[buf.order[i]] ?? NONE;
          const name = dept === NONE ? '' : columns.departments.decode(dept);
          getOrAdd(target.backOffice, name, () => new Distribution()).add(wait);
          if (working) {
            const inHours = working.between(from, to);
            getOrAdd(target.backOfficeWorking, name, () => new Distribution()).add(inHours);
          }
        }
      },
      finish: () => undefined,
    };
  },
  merge: (target, source) => {
    mergeDistributions(target.backOffice, source.backOffice);
    mergeDistributions(target.backOfficeWorking, source.backOfficeWorking);
    target.workingCalendar ??= source.workingCalendar;
  },
  toJson: (p) => ({
    backOffice: distributionsToJson(p.backOffice),
    backOfficeWorking: distributionsToJson(p.backOfficeWorking),
    workingCalendar: p.workingCalendar,
  }),
  fromJson: (json) => ({
    backOffice: distributionsFromJson(json.backOffice),
    backOfficeWorking: distributionsFromJson(json.backOfficeWorking ?? []),
    workingCalendar: json.workingCalendar ?? null,
  }),
  finalize: (p) => {
    const working = new Map(waitRows(p.backOfficeWorking).map((r) => [r.value, r.seconds]));
    return {
      backOfficeWaits: waitRows(p.backOffice).map((row) => {
        const inHours = p.workingCalendar ? working.get(row.value) : undefined;
        return inHours ? { ...row, workingSeconds: inHours } : row;
      }),
      workingCalendar: p.workingCalendar,
    };
  },
});
