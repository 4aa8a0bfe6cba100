// antidote's three jobs from Node with node-postgres (pg): filter a training table, guard
// ingest, audit.  Connects with the usual PG* environment variables; run from the
// repository root as a role that may create the extension.
const fs = require('node:fs');

const list = (a) => `[${a.join(', ')}]`;
const { Client } = require('pg');

async function main() {
  const db = new Client();
  await db.connect();
  const rows = fs.readFileSync('examples/reviews.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const ids = async (sql) => (await db.query({ text: sql, rowMode: 'array' })).rows.map((r) => r[0]);
  await db.query('CREATE EXTENSION IF NOT EXISTS antidote');
  await db.query('CREATE TABLE reviews (id int PRIMARY KEY, source text, body text, prov json)');
  for (const r of rows) {
    await db.query('INSERT INTO reviews VALUES ($1, $2, $3, $4)', [r.id, r.source, r.body, r.prov && JSON.stringify(r.prov)]);
  }
  await db.query("SELECT trust_key($1, 'crawler fleet')", [fs.readFileSync('examples/crawler.pub', 'utf8')]);

  // 1. Filter: rows fit for training are signed by a trusted source and score low.
  console.log('training rows:', list(await ids(`SELECT id FROM reviews
    WHERE suspicion_score(body) < 0.5 AND provenance_verify(body, prov) = 'verified' ORDER BY id`)));

  // 2. Guard: inserts that break the policy go to quarantine, the load goes on.
  await db.query('CREATE TABLE incoming (id int PRIMARY KEY, body text NOT NULL)');
  await db.query(`CREATE TRIGGER incoming_guard BEFORE INSERT OR UPDATE ON incoming FOR EACH ROW
    EXECUTE FUNCTION antidote.guard('body', '', 'max_suspicion=0.8,max_near_duplicates=1,on_reject=quarantine')`);
  for (const r of rows) await db.query('INSERT INTO incoming (id, body) VALUES ($1, $2)', [r.id, r.body]);
  console.log('accepted:', list(await ids('SELECT id FROM incoming ORDER BY id')));
  console.log('quarantined:', list((await ids('SELECT row_data FROM antidote.quarantine ORDER BY id')).map((d) => d.id)));

  // 3. Audit: which rows look injected, flooded or unsigned?
  const audit = await db.query(`SELECT id, suspicion >= 0.5 AS suspicious, cluster_size, distinct_sources, provenance
    FROM antidote_audit('SELECT id, body, source, prov FROM reviews') ORDER BY id::int`);
  for (const a of audit.rows) {
    console.log(`audit: id=${a.id} suspicious=${a.suspicious ? 'True' : 'False'} cluster_size=${a.cluster_size ?? 'None'} ` +
      `distinct_sources=${a.distinct_sources ?? 'None'} provenance=${a.provenance}`);
  }
  await db.end();
}
main().catch((e) => { console.error(e.message); process.exit(1); });
