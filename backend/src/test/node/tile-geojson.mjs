// Decodes served vector tiles with @mapbox/vector-tile + pbf (a standard decoder nobody here
// wrote) and projects every feature back to longitude/latitude with the decoder's own toGeoJSON.
// Arguments: FILE Z X Y [FILE Z X Y …]. Writes JSON {FILE: {LAYER: {extent, version, features:
// [GeoJSON Feature with "id"]}}} to stdout. Any malformed tile makes the script fail.
import { readFileSync } from 'node:fs';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

const args = process.argv.slice(2);
if (args.length === 0 || args.length % 4 !== 0) {
  console.error('usage: tile-geojson.mjs FILE Z X Y [FILE Z X Y …]');
  process.exit(2);
}
const out = {};
for (let i = 0; i < args.length; i += 4) {
  const [file, z, x, y] = [args[i], Number(args[i + 1]), Number(args[i + 2]), Number(args[i + 3])];
  const tile = new VectorTile(new PbfReader(readFileSync(file)));
  const layers = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features = [];
    for (let f = 0; f < layer.length; f++) {
      const feature = layer.feature(f);
      features.push({ ...feature.toGeoJSON(x, y, z), id: feature.id ?? null });
    }
    layers[name] = { extent: layer.extent, version: layer.version, features };
  }
  out[file] = layers;
}
process.stdout.write(JSON.stringify(out));
