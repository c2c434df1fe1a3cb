// The notices about a person that go to their supervisor (1:1 requests, OJT suggestions): each goes to the
// entry's supervisor, in the supervisor's language, names the person as the directory does, and waits for
// the next office hour.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { people } from '../../../src/people/people.schema.ts';
import { noticesToSupervisors, type NoticeLocale } from '../../../src/reports/notice-recipients.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { describeDatabase } from '../../support/test-database.ts';

describe.each(SLICE_BACKENDS)('notices to supervisors on %s', (backend) => {
  const database = describeDatabase(backend);

  const person = async (displayName: string) => {
    const id = randomUUID();
    await database.db.insert(people).values({ id, userPrincipalName: `${id}@city.example`, displayName });
    return id;
  };

  it('sends each to the supervisor in their language, names the person, and waits for office hours', async () => {
    const kakaricho = await person('山田 花子');
    const kacho = await person('佐藤 一郎');
    const shuji = await person('鈴木 次郎');
    const shunin = await person('高橋 三郎');
    const gone = randomUUID(); // no longer in the directory
    const languages = new Map<string, NoticeLocale>([[kacho, 'en']]);
    const asked: string[][] = [];
    // A Saturday evening in Japan: the notices wait for Monday morning.
    const now = new Date('2026-12-05T10:00:00Z');
    const messages = await database.db.transaction((tx) =>
      noticesToSupervisors(
        tx,
        [
          { personId: shuji, supervisorId: kakaricho, ref: 'a' },
          { personId: shunin, supervisorId: kacho, ref: 'b' },
          { personId: gone, supervisorId: kakaricho, ref: 'c' },
        ],
        {
          languagesOf: (ids) => {
            asked.push([...ids].sort());
            return Promise.resolve(new Map([...languages].filter(([id]) => ids.includes(id))));
          },
        },
        now,
        (entry, about) => ({
          key: `notice:${entry.ref}`,
          text: `${about.locale}:${about.personName}`,
          attachments: [],
        }),
      ),
    );
    const notBefore = new Date('2026-12-07T00:00:00Z'); // Monday 09:00 in Japan
    expect(messages).toEqual([
      {
        key: 'notice:a',
        recipient: { kind: 'person', personId: kakaricho },
        text: 'ja:鈴木 次郎',
        attachments: [],
        notBefore,
      },
      {
        key: 'notice:b',
        recipient: { kind: 'person', personId: kacho },
        text: 'en:高橋 三郎',
        attachments: [],
        notBefore,
      },
      {
        key: 'notice:c',
        recipient: { kind: 'person', personId: kakaricho },
        text: 'ja:',
        attachments: [],
        notBefore,
      },
    ]);
    // One read for everyone named, each once.
    expect(asked).toEqual([[gone, kacho, kakaricho, shuji, shunin].sort()]);
  });

  it('waits for the hours it is given', async () => {
    const supervisor = await person('伊藤 四郎');
    const member = await person('渡辺 五郎');
    // A Monday at 10:00 in Japan: inside the default hours, outside 13:00-17:00.
    const now = new Date('2026-12-07T01:00:00Z');
    const hours = { start: '13:00', end: '17:00' };
    const [message] = await database.db.transaction((tx) =>
      noticesToSupervisors(tx, [{ personId: member, supervisorId: supervisor }], { hours }, now, () => ({
        key: 'k',
        text: 't',
        attachments: [],
      })),
    );
    expect(message?.notBefore).toEqual(new Date('2026-12-07T04:00:00Z'));
  });
});
