// better-sqlite3 loads the extension and gets the same answers as the sqlite3 shell.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const Database = require('better-sqlite3');

const root = path.resolve(__dirname, '../../..');
const so = process.env.ANTIDOTE_SO || path.join(root, 'build/antidote.so');
const db = new Database(':memory:');
db.loadExtension(so);
const one = (sql, ...args) => db.prepare(sql).pluck().get(...args);

test('fuzzy_hash equals the ssdeep tool on the stored files', () => {
  const lines = fs.readFileSync(path.join(root, 'tests/data/ssdeep.expected'), 'utf8')
    .split('\n').filter((l) => l && !l.startsWith('ssdeep,'));
  assert.ok(lines.length >= 10);
  for (const line of lines) {
    const [want, quoted] = line.split(',"');
    const data = fs.readFileSync(path.join(root, 'tests/data/ssdeep', quoted.slice(0, -1)));
    assert.strictEqual(one('SELECT fuzzy_hash(?)', data), want);
  }
});

test('fuzzy_compare, text_normalize, content_sha256', () => {
  assert.strictEqual(one('SELECT fuzzy_compare(?, ?)', '3:MRBwDFwv:MRBwDGv', '3:MRBwDFwv:MRBwDGv'), 100);
  assert.strictEqual(one('SELECT text_normalize(?)', '  Ｈｅｌｌｏ\u200b  WORLD '), 'hello world');
  assert.strictEqual(one('SELECT content_sha256(?)', 'abc'),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.strictEqual(one('SELECT fuzzy_hash(?)', null), null);
});

test('a malformed hash is an error naming the argument', () => {
  assert.throws(() => one('SELECT fuzzy_compare(?, ?)', '3:abc:def', '5:abc:def'),
    /argument 2 is not a valid ssdeep hash/);
});

test('antidote_version matches the control file', () => {
  const control = fs.readFileSync(path.join(root, 'antidote.control'), 'utf8');
  assert.strictEqual(one('SELECT antidote_version()'), /default_version = '([^']+)'/.exec(control)[1]);
});
