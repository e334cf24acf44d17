/** Insights.channelSequences: each journey's channels in order, repeats collapsed. */
import { compareStrings } from '../../compare';
import { NONE } from '../../event-store';
import { addCounts } from '../../maps';
import { insightMeasure } from '../measure';

const SEP = '\u0000';

export interface ChannelSequencesPartial {
  /** Channel names joined by NUL → journeys. */
  channelSequences: Map<string, number>;
}

export interface ChannelSequencesJson {
  /** No NUL-joined keys: PostgreSQL's jsonb refuses \u0000. */
  channelSequences: [string[], number][];
}

export const channelSequences = insightMeasure<ChannelSequencesPartial, ChannelSequencesJson>({
  empty: () => ({ channelSequences: new Map() }),
  tally: (target, { store }) => {
    /** Sequences of channel codes (one UTF-16 unit each, code + 1) → journeys. */
    const sequences = new Map<string, number>();
    return {
      addJourney: ({ facts: { buf, lo, hi } }) => {
        let sequence = '';
        let lastChannel = -2;
        for (let k = lo; k < hi; k += 1) {
          const channel = buf.channel[buf.sorted[k]];
          if (channel !== lastChannel) {
            sequence += String.fromCharCode(channel + 1);
            lastChannel = channel;
          }
        }
        sequences.set(sequence, (sequences.get(sequence) ?? 0) + 1);
      },
      // Recorded even in a shard without channels: another shard may have them (finalize decides).
      finish: () => {
        for (const [codes, n] of sequences) {
          const names = [...codes].map((ch) => {
            const c = ch.charCodeAt(0) - 1;
            return c === NONE ? '(none)' : store.channels.decode(c);
          });
          const key = names.join(SEP);
          target.channelSequences.set(key, (target.channelSequences.get(key) ?? 0) + n);
        }
      },
    };
  },
  merge: (target, source) => addCounts(target.channelSequences, source.channelSequences),
  toJson: (p) => ({ channelSequences: [...p.channelSequences].map(([k, n]) => [k.split(SEP), n]) }),
  fromJson: (json) => ({
    channelSequences: new Map(json.channelSequences.map(([k, n]) => [k.join(SEP), n])),
  }),
  finalize: (p, { withTrips }) => {
    if (!withTrips) return { channelSequences: null };
    const limit = p.channelSequenceLimit;
    const sorted = [...p.channelSequences].sort(
      (a, b) => b[1] - a[1] || compareStrings(a[0], b[0]),
    );
    let other = 0;
    for (const [, n] of sorted.slice(limit)) other += n;
    return {
      channelSequences: {
        top: sorted
          .slice(0, limit)
          .map(([key, journeys]) => ({ channels: key.split(SEP), journeys })),
        otherJourneys: other,
        distinct: sorted.length,
      },
    };
  },
});
