// Reads JSON [[lon, lat], ...] on stdin, writes the coordtransform package's conversions of
// each point as JSON: {wgs84togcj02: [...], gcj02tobd09: [...], bd09togcj02: [...]}.
const ct = require('coordtransform');
let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const points = JSON.parse(input);
  const out = { wgs84togcj02: [], gcj02tobd09: [], bd09togcj02: [] };
  for (const [lon, lat] of points) {
    out.wgs84togcj02.push(ct.wgs84togcj02(lon, lat));
    out.gcj02tobd09.push(ct.gcj02tobd09(lon, lat));
    out.bd09togcj02.push(ct.bd09togcj02(lon, lat));
  }
  process.stdout.write(JSON.stringify(out));
});
