/**
 * Property test of the terminal-facing hub API on both stores at once (issue 17): fast-check builds batches of
 * entries whose text fields hold hostile strings (U+0000, lone surrogates, any code point, 1 MB names, combining
 * marks, RTL marks, SQL and HTML); the same batch, well signed, goes to a SQLite hub and to a PostgreSQL hub. Every
 * batch is answered (200, or 400 with a code and a message — never 500), both hubs answer alike, a refused batch
 * never blocks the next one, and in the end both stores hold identical rows, each the boundary's normalised text.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { cutToCodePoints, storableText } from '../../../hub/http/entry-text.js';
import { CHECKPOINT, PG_HINT, PG_URL, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { startTestTerminal, type TestTerminal } from '../../support/hub-terminal.js';
import { entryOf, storedNames, upload } from '../../support/terminal-upload.js';

const hostilePiece = fc.oneof(
  fc.constantFrom('\u0000', '\uD800', '\uDFFF', 'e\u0301\u0302\u0303', '\u202E\u200F\u061C', "'; DROP TABLE entries; --", '<script>alert(1)</script>', '"\\', 'Nguyễn Thị Ánh', '😀𝒜'),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const hostileText = fc.oneof(
  { weight: 20, arbitrary: fc.array(hostilePiece, { maxLength: 8 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('Ă'.repeat(1024 * 1024), 'x'.repeat(300)) },
);
const entryFields = fc.record({
  displayName: hostileText,
  credentialId: fc.option(hostileText, { nil: null }),
  bootId: fc.oneof({ weight: 5, arbitrary: fc.constant('boot-1') }, { weight: 1, arbitrary: hostileText }),
  hostId: fc.option(fc.array(hostilePiece, { maxLength: 3 }).map((p) => p.join('')), { nil: null }),
});

describe('terminal-facing hub API with hostile text, SQLite and PostgreSQL alike', () => {
  if (!PG_URL) {
    it('needs PostgreSQL', { skip: Boolean(process.env.CI ? false : PG_HINT) }, () => assert.fail(PG_HINT));
    return;
  }
  let sqlite: { hub: TestHub; terminal: TestTerminal };
  let postgres: { hub: TestHub; terminal: TestTerminal };
  beforeAll(async () => {
    const open = async (kind: 'sqlite' | 'postgres') => {
      const hub = await startTestHub(kind);
      return { hub, terminal: await startTestTerminal(hub, { hub: { flushDelayMs: 60_000 } }) };
    };
    sqlite = await open('sqlite');
    postgres = await open('postgres');
  });
  afterAll(async () => {
    for (const side of [sqlite, postgres]) {
      await side?.terminal.close();
      await side?.hub.dispose();
    }
  });

  it('answers every batch alike on both stores, stores the normalised text identically, and nothing blocks', async () => {
    let nextSeq = 1;
    const expected: string[] = [];
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(entryFields, { minLength: 1, maxLength: 4 }), async (batch) => {
        const seqs = batch.map((_, i) => nextSeq + i);
        const answers = await Promise.all(
          [sqlite, postgres].map(({ hub, terminal }) => upload(hub, terminal, batch.map((fields, i) => entryOf(terminal, seqs[i]!, fields)))),
        );
        const [onSqlite, onPostgres] = answers;
        assert.ok(onSqlite!.status === 200 || onSqlite!.status === 400 || onSqlite!.status === 413, `answered ${onSqlite!.status}`);
        assert.equal(onPostgres!.status, onSqlite!.status, `both stores answer alike: ${JSON.stringify(answers.map((a) => a.body.message))}`);
        if (onSqlite!.status === 200) {
          for (const answer of answers) assert.equal(answer.body.contiguousSeq, seqs.at(-1));
          for (const fields of batch) expected.push(cutToCodePoints(storableText(fields.displayName), 200));
          nextSeq += batch.length;
        } else {
          refused++;
          for (const answer of answers) assert.ok(answer.body.code && answer.body.message, 'a refusal says why');
        }
      }),
      { numRuns: 60, seed: 1717 },
    );
    const probe = await Promise.all([sqlite, postgres].map(({ hub, terminal }) => upload(hub, terminal, [entryOf(terminal, nextSeq, { displayName: 'sau cùng' })])));
    for (const answer of probe) assert.equal(answer.body.contiguousSeq, nextSeq, 'a later batch goes through');
    expected.push('sau cùng');
    const [fromSqlite, fromPostgres] = await Promise.all([storedNames(sqlite.hub, CHECKPOINT), storedNames(postgres.hub, CHECKPOINT)]);
    assert.deepEqual(fromSqlite, expected);
    assert.deepEqual(fromPostgres, fromSqlite, 'SQLite and PostgreSQL hold the same rows');
    assert.ok(expected.length > 60, `most batches were stored (${refused} refused with a reason)`);
  });
});
