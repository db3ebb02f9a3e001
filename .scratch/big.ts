import { record, ec2Record, put, gz, trailFile } from '../test/helpers.ts';
const recs = [];
for (let i = 0; i < 100000; i++) recs.push(i % 100 === 0 ? record() : ec2Record());
put(process.argv[2], 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/111122223333_CloudTrail_us-east-1_20260105T1020Z_big.json.gz', gz(trailFile(recs)));
