// Writes apps/web/src/charts/fixtures/demo-mined.zh-CN.json: 150 simulated journeys (Chinese
// names) mined per citizen and service with the dashboard's insights, as the worker mines them.
// Run after `node tools/build.mjs server`:  node apps/web/scripts/make-demo-fixture.cjs
const path = require('node:path');
const fs = require('node:fs');
const root = path.resolve(__dirname, '..', '..', '..');
require(path.join(root, 'tools', 'runtime-paths.cjs'));
const { mine } = require(path.join(root, 'dist', 'libs', 'mining', 'src', 'index.js'));
const { simulate } = require(path.join(root, 'dist', 'libs', 'simulator', 'src', 'index.js'));

const events = [...simulate({ journeys: 150, seed: 'web-fixture', lang: 'zh-CN' })].map((e) => ({
  caseId: e.caseId,
  citizen: e.citizenId,
  service: e.service,
  activity: e.activity,
  timestamp: e.timestamp,
  startTimestamp: e.startTimestamp,
  channel: e.channel,
  location: e.location,
  department: e.department,
  resource: e.resource,
  sourceSystem: e.sourceSystem,
}));
const result = mine(events, {
  journey: 'citizen+service',
  inPerson: ['hall'],
  insights: { timeZone: 'Asia/Shanghai' },
});
const out = path.join(root, 'apps', 'web', 'src', 'charts', 'fixtures', 'demo-mined.zh-CN.json');
fs.writeFileSync(out, JSON.stringify(result) + '\n');
console.log(`${path.relative(root, out)}: ${fs.statSync(out).size} bytes`);
