import { bankExchangeToCsv } from './src/lib/server/ingest/bank-exchange-to-csv.ts';
const t = performance.now(); const c = process.cpuUsage();
const r = await bankExchangeToCsv('/tmp/bankfx/big.txt', '/tmp/bankfx/big.csv', 'windows-1251');
const u = process.cpuUsage(c);
console.log(r.rows, Math.round(performance.now() - t), 'ms wall', Math.round((u.user + u.system) / 1000), 'ms cpu');
