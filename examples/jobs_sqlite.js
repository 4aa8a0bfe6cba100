// antidote's three jobs from Node with better-sqlite3: filter a training table, guard
// ingest, audit.  Run from the repository root: node examples/jobs_sqlite.js [build/antidote.so]
const fs = require('node:fs');

const list = (a) => `[${a.join(', ')}]`;
const Database = require('better-sqlite3');

const db = new Database(':memory:');
db.loadExtension(process.argv[2] || 'build/antidote.so');
const rows = fs.readFileSync('examples/reviews.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
db.prepare('SELECT antidote_init()').get();
db.exec('CREATE TABLE reviews (id INTEGER PRIMARY KEY, source TEXT, body TEXT, prov TEXT)');
const add = db.prepare('INSERT INTO reviews VALUES (?, ?, ?, ?)');
for (const r of rows) add.run(r.id, r.source, r.body, r.prov && JSON.stringify(r.prov));
db.prepare("SELECT trust_key(?, 'crawler fleet')").get(fs.readFileSync('examples/crawler.pub', 'utf8'));
const ids = (sql) => db.prepare(sql).pluck().all();

// 1. Filter: rows fit for training are signed by a trusted source and score low.
console.log('training rows:', list(ids(`SELECT id FROM reviews
  WHERE suspicion_score(body) < 0.5 AND provenance_verify(body, prov) = 'verified' ORDER BY id`)));

// 2. Guard: inserts that break the policy go to quarantine, the load goes on.
db.exec('CREATE TABLE incoming (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
db.prepare("SELECT antidote_guard('incoming', 'body', '', ?)")
  .get('max_suspicion=0.8,max_near_duplicates=1,on_reject=quarantine');
const put = db.prepare('INSERT INTO incoming (id, body) VALUES (?, ?)');
for (const r of rows) put.run(r.id, r.body);
console.log('accepted:', list(ids('SELECT id FROM incoming ORDER BY id')));
console.log('quarantined:', list(ids('SELECT row_data FROM antidote_quarantine ORDER BY id').map((d) => JSON.parse(d).id)));

// 3. Audit: which rows look injected, flooded or unsigned?
for (const a of db.prepare(`SELECT id, suspicion >= 0.5 AS suspicious, cluster_size, distinct_sources, provenance
    FROM antidote_audit('SELECT id, body, source, prov FROM reviews') ORDER BY CAST(id AS INTEGER)`).all()) {
  console.log(`audit: id=${a.id} suspicious=${a.suspicious ? 'True' : 'False'} cluster_size=${a.cluster_size ?? 'None'} ` +
    `distinct_sources=${a.distinct_sources ?? 'None'} provenance=${a.provenance}`);
}
