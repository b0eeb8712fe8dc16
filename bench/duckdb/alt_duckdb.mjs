// The DuckDB alternative: the benchmark's indicators in DuckDB SQL (its own CSV reader and window
// functions), the rules of bench/alt_pandas.py (see there), which follow carestat's definitions.
// Usage: node alt_duckdb.mjs DATA_DIR YEAR_FROM YEAR_TO OUT.csv
// Writes org,year,indicator,numerator,denominator.
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';

const [data, y0, y1, out] = process.argv.slice(2);
const q = (p) => `'${p.replaceAll("'", "''")}'`;
const orgs = fs.readFileSync(path.join(data, 'orgs.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
const epFiles = orgs.map((o) => q(path.join(data, o, 'episodes.csv'))).join(', ');

const sql = `
PRAGMA threads=2;
CREATE TEMP TABLE ep AS
SELECT regexp_extract(filename, '([^/]+)/episodes\\.csv$', 1) AS org, CHILD AS child,
       strptime(NULLIF(DECOM, ''), '%d/%m/%Y')::DATE AS decom, strptime(NULLIF(DEC, ''), '%d/%m/%Y')::DATE AS dec,
       COALESCE(RNE, '') AS rne, PLACE AS place, COALESCE(REC, '') AS rec, COALESCE(PL_POST, '') AS pl_post
FROM read_csv([${epFiles}], header = true, all_varchar = true, filename = true)
WHERE COALESCE(LS, '') NOT IN ('V3', 'V4', 'V1');

CREATE TEMP TABLE years AS SELECT y, make_date(y - 1, 4, 1) AS s, make_date(y, 3, 31) AS e
FROM range(${Number(y0)}, ${Number(y1) + 1}) t(y);

-- placements: an episode starts one unless it continues the previous one with RNE L, T/U into A3/A5,
-- or a blank RNE with the same PLACE and PL_POST; a move back from a temporary placement (T0-T4) to the
-- PLACE and PL_POST held before it continues the earlier placement (see the loop below)
CREATE TEMP TABLE e0 AS
WITH w AS (
  SELECT *, lag(dec) OVER c AS pdec, lag(place) OVER c AS pplace, lag(pl_post) OVER c AS ppost,
         row_number() OVER c AS rn, place IN ('T0', 'T1', 'T2', 'T3', 'T4') AS temp
  FROM ep WINDOW c AS (PARTITION BY org, child ORDER BY decom)),
f AS (
  SELECT *, (rn > 1 AND rne <> 'S' AND pdec IS NOT NULL AND pdec = decom) AS cont FROM w),
g AS (
  SELECT *, CASE WHEN NOT cont THEN true
                 WHEN rne IN ('S', 'P', 'B') THEN true
                 WHEN rne IN ('T', 'U') THEN place NOT IN ('A3', 'A5')
                 WHEN rne = 'L' THEN false
                 ELSE (place IS DISTINCT FROM pplace OR pl_post IS DISTINCT FROM ppost) END AS chg
  FROM f),
h AS (
  SELECT *, last_value(CASE WHEN chg THEN temp END IGNORE NULLS) OVER c AS temp_upto,
         last_value(CASE WHEN NOT temp THEN place END IGNORE NULLS) OVER c AS lnt_place_upto,
         last_value(CASE WHEN NOT temp THEN pl_post END IGNORE NULLS) OVER c AS lnt_post_upto
  FROM g WINDOW c AS (PARTITION BY org, child ORDER BY rn ROWS UNBOUNDED PRECEDING)),
i AS (
  SELECT org, child, rn, decom, dec, place, chg, temp, cont,
         COALESCE(lag(temp_upto) OVER c, false) AS in_temp,
         lag(lnt_place_upto) OVER c AS lnt_place, lag(lnt_post_upto) OVER c AS lnt_post
  FROM h WINDOW c AS (PARTITION BY org, child ORDER BY rn)),
j AS (
  SELECT *, COALESCE(chg AND in_temp AND NOT temp AND cont AND place = lnt_place AND pl_post = lnt_post, false) AS ret
  FROM i JOIN (SELECT org, child, rn, pl_post FROM h) USING (org, child, rn)),
k AS (
  SELECT *, chg AND NOT ret AS isnew, chg AND temp AND NOT in_temp AND rn > 1 AND cont AS qstart FROM j)
SELECT *, CASE WHEN isnew THEN sum(isnew::INT) OVER c END AS newid
FROM k WINDOW c AS (PARTITION BY org, child ORDER BY rn ROWS UNBOUNDED PRECEDING);
CREATE TEMP TABLE e_cur AS
SELECT *, last_value(newid IGNORE NULLS) OVER (PARTITION BY org, child ORDER BY rn ROWS UNBOUNDED PRECEDING) AS ids
FROM e0;
`;
// a return points at the placement held before its temporary run; repeat until nested runs settle
const iterate = `
CREATE OR REPLACE TEMP TABLE e_next AS
WITH a AS (SELECT *, lag(ids) OVER (PARTITION BY org, child ORDER BY rn) AS lag_ids FROM e_cur),
b AS (SELECT *, COALESCE(last_value(CASE WHEN qstart THEN lag_ids END IGNORE NULLS)
                           OVER (PARTITION BY org, child ORDER BY rn ROWS UNBOUNDED PRECEDING), 1) AS bt FROM a)
SELECT * EXCLUDE (lag_ids, bt, ids),
       last_value(CASE WHEN ret THEN bt ELSE newid END IGNORE NULLS)
         OVER (PARTITION BY org, child ORDER BY rn ROWS UNBOUNDED PRECEDING) AS ids
FROM b;
`;
const changed = `SELECT count(*)::INT AS n FROM e_cur JOIN e_next USING (org, child, rn) WHERE e_cur.ids <> e_next.ids`;
const sql2 = `
CREATE TEMP TABLE pl AS
SELECT org, child, ids AS plid, min(decom) AS pstart, arg_max(dec, rn) AS pend, arg_min(place, rn) AS place
FROM e_cur GROUP BY org, child, ids;

CREATE TEMP TABLE cla AS
WITH at31 AS (
  SELECT y.y, ep.org, ep.child, arg_max(ep.place, ep.decom) AS place
  FROM years y JOIN ep ON ep.decom <= y.e AND (ep.dec IS NULL OR ep.dec > y.e)
  GROUP BY y.y, ep.org, ep.child),
npl AS (
  SELECT y.y, pl.org, pl.child, count(*) AS n
  FROM years y JOIN pl ON pl.pstart <= y.e AND (pl.pend IS NULL OR pl.pend >= y.s)
  WHERE pl.place NOT IN ('T0', 'T1', 'T2', 'T3', 'T4') AND NOT (pl.pend IS NOT NULL AND pl.pend - pl.pstart < 1)
  GROUP BY ALL),
la AS (
  SELECT a.y, a.org, count(*) AS la,
         count(*) FILTER (WHERE a.place IN ('U1', 'U2', 'U3', 'Q1')) AS kin,
         count(*) FILTER (WHERE a.place IN ('Z1', 'Z11', 'Z12', 'Z13', 'Z14')) AS oth,
         count(*) FILTER (WHERE COALESCE(n.n, 0) >= 3) AS p3
  FROM at31 a LEFT JOIN npl n USING (y, org, child) GROUP BY ALL),
st AS (
  SELECT y.y, ep.org, count(DISTINCT ep.child) AS starts
  FROM years y JOIN ep ON ep.rne = 'S' AND ep.decom BETWEEN y.s AND y.e GROUP BY ALL),
ce AS (
  SELECT y, org, count(*) AS ceased, count(*) FILTER (WHERE rec IN ('E11', 'E12')) AS adopted FROM (
    SELECT y.y, ep.org, ep.child, arg_max(ep.rec, ep.decom) AS rec
    FROM years y JOIN ep ON ep.rec NOT IN ('X1', '') AND ep.dec BETWEEN y.s AND y.e GROUP BY ALL) GROUP BY ALL),
keys AS (SELECT y.y, o.org FROM years y CROSS JOIN (SELECT DISTINCT org FROM ep) o),
pop AS (SELECT org, year + 1 AS y, population FROM read_csv(${q(path.join(data, 'population.csv'))}, header = true,
        columns = {'org': 'VARCHAR', 'year': 'INTEGER', 'population': 'DOUBLE'}))
SELECT k.org, k.y, COALESCE(la.la, 0) AS la, COALESCE(kin, 0) AS kin, COALESCE(oth, 0) AS oth, COALESCE(p3, 0) AS p3,
       COALESCE(starts, 0) AS starts, COALESCE(ceased, 0) AS ceased, COALESCE(adopted, 0) AS adopted, pop.population
FROM keys k LEFT JOIN la USING (y, org) LEFT JOIN st USING (y, org) LEFT JOIN ce USING (y, org)
LEFT JOIN pop USING (y, org);

-- workforce
CREATE TEMP TABLE w AS
SELECT row_number() OVER () AS rid, worker_id, la_code, census_year, agency, fte, start_date, end_date,
       COALESCE(trim(reason_leave), '') <> '' AS has_reason,
       make_date(census_year, 9, 30) AS c, make_date(census_year - 1, 10, 1) AS s
FROM (SELECT worker_id, la_code, census_year::INTEGER AS census_year, agency::INTEGER AS agency,
             TRY_CAST(NULLIF(fte, '') AS DOUBLE) AS fte,
             strptime(NULLIF(start_date, ''), '%d/%m/%Y')::DATE AS start_date,
             strptime(NULLIF(end_date, ''), '%d/%m/%Y')::DATE AS end_date, reason_leave
      FROM read_csv(${q(path.join(data, 'workforce.csv'))}, header = true, all_varchar = true));
CREATE TEMP TABLE w2 AS
SELECT *, CASE WHEN end_date IS NOT NULL THEN end_date <= c ELSE has_reason END AS leaver FROM w;
CREATE TEMP TABLE w3 AS
SELECT *, NOT leaver AND (start_date IS NULL OR start_date <= c) AS in_post,
       CASE WHEN end_date IS NOT NULL THEN end_date WHEN leaver THEN s ELSE c END AS eff_end FROM w2;
CREATE TEMP TABLE wf AS
WITH emp AS (SELECT * FROM w3 WHERE agency = 0),
dated AS (
  SELECT r.la_code, r.census_year, r.fte FROM emp r
  WHERE r.end_date IS NOT NULL AND r.end_date BETWEEN r.s AND r.c AND NOT EXISTS (
    SELECT 1 FROM emp q WHERE q.la_code = r.la_code AND q.worker_id = r.worker_id AND q.rid <> r.rid
      AND NOT (q.start_date IS NOT NULL AND q.start_date > r.end_date + 7) AND q.eff_end > r.end_date)),
undated AS (
  SELECT r.la_code, r.census_year, r.fte FROM emp r
  WHERE r.end_date IS NULL AND r.leaver AND NOT EXISTS (
    SELECT 1 FROM emp q WHERE q.la_code = r.la_code AND q.worker_id = r.worker_id
      AND q.census_year = r.census_year AND q.rid <> r.rid AND q.in_post)),
lv AS (SELECT la_code, census_year, sum(fte) AS leavers FROM (SELECT * FROM dated UNION ALL SELECT * FROM undated)
       GROUP BY ALL),
ip AS (SELECT la_code, census_year, sum(fte) FILTER (WHERE agency = 0) AS fte,
              sum(fte) FILTER (WHERE agency = 1) AS ag_rec FROM w3 WHERE in_post GROUP BY ALL),
lar AS (SELECT la_code, census_year, arg_max(agency_fte, rn) AS agency_fte FROM (
          SELECT la_code, census_year::INTEGER AS census_year, TRY_CAST(NULLIF(vacancy_fte, '') AS DOUBLE) AS vacancy_fte,
                 TRY_CAST(NULLIF(agency_fte, '') AS DOUBLE) AS agency_fte, row_number() OVER () AS rn
          FROM read_csv(${q(path.join(data, 'workforce_la.csv'))}, header = true, all_varchar = true))
        WHERE vacancy_fte IS NOT NULL GROUP BY ALL),
keys AS (SELECT DISTINCT la_code, census_year FROM w WHERE census_year BETWEEN ${Number(y0)} AND ${Number(y1)})
SELECT k.la_code AS org, k.census_year AS y, COALESCE(ip.fte, 0) AS fte, COALESCE(lv.leavers, 0) AS leavers,
       COALESCE(lar.agency_fte, ip.ag_rec, 0) AS agency
FROM keys k LEFT JOIN ip USING (la_code, census_year) LEFT JOIN lv USING (la_code, census_year)
LEFT JOIN lar USING (la_code, census_year);
`;

const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
await con.run(sql);
for (;;) {
  await con.run(iterate);
  const n = (await con.runAndReadAll(changed)).getRowObjects()[0].n;
  await con.run('DROP TABLE e_cur; ALTER TABLE e_next RENAME TO e_cur;');
  if (n === 0) break;
}
await con.run(sql2);
const lines = ['org,year,indicator,numerator,denominator'];
const cla = (await con.runAndReadAll('SELECT * FROM cla ORDER BY org, y')).getRowObjects();
for (const r of cla) {
  const p = r.population ?? '';
  const o = `${r.org},${r.y}`;
  lines.push(`${o},cla.looked_after,${r.la},`, `${o},cla.starts,${r.starts},`, `${o},cla.ceased,${r.ceased},`,
    `${o},cla.looked_after.rate,${r.la},${p}`, `${o},cla.starts.rate,${r.starts},${p}`,
    `${o},cla.ceased.rate,${r.ceased},${p}`, `${o},cla.ceased.adopted,${r.adopted},${r.ceased}`,
    `${o},cla.stability.placements3plus,${r.p3},${r.la}`, `${o},cla.kinship,${r.kin},${r.la}`,
    `${o},cla.other_placements,${r.oth},${r.la}`);
}
const wf = (await con.runAndReadAll('SELECT * FROM wf ORDER BY org, y')).getRowObjects();
for (const r of wf) {
  lines.push(`${r.org},${r.y},wf.turnover,${r.leavers},${r.fte}`,
    `${r.org},${r.y},wf.agency,${r.agency},${r.agency + r.fte}`);
}
fs.writeFileSync(out, lines.join('\n') + '\n');
