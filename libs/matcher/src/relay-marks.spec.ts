import { InMemoryEventStore, NO_STREAM } from '@sleutel/event-store';
import { createJobQueue, JobQueue } from '@sleutel/queue';
import { sampleEvents } from '../../event-store/src/contract/sample-events';
import { MatcherJobs } from './matcher.jobs';
import { LOG_IDENTITY_MARK, marksOfLog } from './relay-marks';
import { WAITING_LIST_COVERED_MARK } from './waiting-list';

const RELAY = 'relay:matcher-jobs';

describe('the relay\'s mark, checked against the log it is read in', () => {
  let queue: JobQueue<MatcherJobs>;
  const warnings: string[] = [];
  beforeEach(async () => {
    queue = await createJobQueue<MatcherJobs>({ redisUrl: null, queueName: 'relay-marks-test' });
    warnings.length = 0;
  });
  afterEach(() => queue.close());

  const logOf = async (events: number): Promise<InMemoryEventStore> => {
    const store = new InMemoryEventStore();
    await store.append('newcomer-1', sampleEvents(events), NO_STREAM);
    return store;
  };
  const checkpointsOn = (store: InMemoryEventStore) => marksOfLog(queue.marks, store, (message) => warnings.push(message), [WAITING_LIST_COVERED_MARK]);

  it('resumes from its mark in the log it was taken in, and records which log that is', async () => {
    const log = await logOf(5);
    await checkpointsOn(log).save(RELAY, 3);
    expect(await checkpointsOn(log).load(RELAY)).toBe(3);
    expect(await queue.marks.load(LOG_IDENTITY_MARK)).not.toBeNull();
    expect(warnings).toEqual([]);
  });

  it('reads another log from its start, though it has grown past the mark before the matcher started (the event store replaced, Redis kept)', async () => {
    await checkpointsOn(await logOf(5)).save(RELAY, 3);
    await queue.marks.save(WAITING_LIST_COVERED_MARK, 3);
    const replaced = await logOf(8);
    expect(await checkpointsOn(replaced).load(RELAY)).toBeNull();
    expect(await queue.marks.load(WAITING_LIST_COVERED_MARK)).toBeNull();
    expect(warnings).toEqual([expect.stringContaining('it began with another event')]);
    // From then on the marks are this log's.
    await checkpointsOn(replaced).save(RELAY, 8);
    expect(await checkpointsOn(replaced).load(RELAY)).toBe(8);
  });

  it('takes a mark kept before logs were named as this log\'s, and names it', async () => {
    const log = await logOf(5);
    await queue.marks.save(RELAY, 4);
    expect(await checkpointsOn(log).load(RELAY)).toBe(4);
    expect(await queue.marks.load(LOG_IDENTITY_MARK)).not.toBeNull();
  });

  it('reads an empty log from its start whatever the mark says', async () => {
    await queue.marks.save(RELAY, 4);
    expect(await checkpointsOn(new InMemoryEventStore()).load(RELAY)).toBeNull();
  });
});
