// Peer: DuckDB counts Support events per action over the same corpus, the fastest way we found:
// read_json with only the two fields it needs declared (no schema inference), then unnest.
// Usage: node duckdb-count.mjs <corpus dir> [threads]
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, threads = '2'] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads });
const connection = await instance.connect();
const glob = `${dir}/AWSLogs/**/*_CloudTrail_*.json.gz`; // log files only: digests are named _CloudTrail-Digest_
const sql = `
  SELECT r.eventName AS eventName, count(*) AS count
  FROM (SELECT unnest(Records) AS r
        FROM read_json('${glob.replaceAll("'", "''")}', format = 'auto', compression = 'gzip',
             columns = {Records: 'STRUCT(eventSource VARCHAR, eventName VARCHAR)[]'},
             maximum_object_size = 1073741824))
  WHERE r.eventSource = 'support.amazonaws.com'
  GROUP BY 1 ORDER BY 1`;
const rows = (await connection.runAndReadAll(sql)).getRowObjects();
console.log(JSON.stringify(Object.fromEntries(rows.map((r) => [r.eventName, Number(r.count)]))));
