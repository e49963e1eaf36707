import Database from 'better-sqlite3';
const mode = process.argv[2] ?? 'plain';
const db = new Database('/work/main/data/bench-1000000x10-seed1.sqlite');
db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL'); db.pragma('cache_size = -65536');
if (mode === 'mmap') db.pragma('mmap_size = 8589934592');
const offset = Number(process.argv[3] ?? 7);
const parties = (db.prepare(`select a.party_id as p, l.msisdn as m from lines l join accounts a on a.id=l.account_id where l.rowid % 97 = ${offset} limit 8000`).all() as any[]);
const q = [
  ['lineOwner', db.prepare('select accounts.party_id from lines inner join accounts on accounts.id = lines.account_id where lines.msisdn = ? limit 1'), (r: any) => [r.m]],
  ['party', db.prepare('select * from parties where id = ?')],
  ['accounts', db.prepare(`select accounts.id, accounts.account_number, accounts.segment, accounts.status, accounts.account_manager_id, users.display_name as manager_name, users.email as manager_email from accounts left join users on users.id = accounts.account_manager_id where accounts.party_id = ? order by accounts.created_at`)],
  ['lines', db.prepare(`select lines.account_id, lines.msisdn, lines.kind, lines.plan, lines.status from lines inner join accounts on accounts.id = lines.account_id where accounts.party_id = ? order by lines.activated_at`)],
  ['cps', db.prepare('select kind, value, is_primary from contact_points where party_id = ? order by kind, is_primary desc')],
  ['inter', db.prepare(`select interactions.id, interactions.external_id, interactions.channel, interactions.direction, interactions.reason_code, reasons.label_fr as reason_label, interactions.started_at, interactions.ended_at, interactions.advisor_id, users.display_name as advisor_name, interactions.team_id, teams.name as team_name, interactions.site_id, sites.name as site_name, interactions.outcome, interactions.resolved, interactions.repeat_of, interactions.next_contact_at, interactions.recording_ref, interactions.notes from interactions left join reasons on reasons.code = interactions.reason_code left join users on users.id = interactions.advisor_id left join teams on teams.id = interactions.team_id left join sites on sites.id = interactions.site_id where interactions.party_id = ? order by interactions.started_at desc, interactions.id desc limit 20`)],
  ['recent', db.prepare('select count(*) as n from interactions where party_id = ? and started_at >= ? and started_at <= ?'), (r: any) => [r.p, Date.now() - 7*86400000, Date.now()]],
  ['last', db.prepare(`select score, scale_min, scale_max, category, resolved, comment, received_at, interaction_id from survey_responses where party_id = ? order by received_at desc limit 1`)],
  ['audit', db.prepare('insert into audit_log (at, actor_kind, actor_id, action, party_id, via) values (?, ?, ?, ?, ?, ?)'), (r: any) => [Date.now(), 'token', 'stmt-bench', 'customer.read', r.p, 'recognize']],
] as const;
const time = new Map<string, bigint>();
const t0 = process.hrtime.bigint();
for (const r of parties) for (const [name, st, a] of q as any) { const s = process.hrtime.bigint(); st.reader ? st.all(...(a ? a(r) : [r.p])) : st.run(...(a ? a(r) : [r.p])); time.set(name, (time.get(name) ?? 0n) + process.hrtime.bigint() - s); }
const total = Number(process.hrtime.bigint() - t0) / 1e3 / parties.length;
console.log(mode, `total ${total.toFixed(1)}µs per recognition;`, [...time].map(([n, t]) => `${n} ${(Number(t) / 1e3 / parties.length).toFixed(1)}`).join(' '));
db.prepare("delete from audit_log where actor_id = 'stmt-bench'").run();
