// Decodes Mapbox Vector Tiles with @mapbox/vector-tile + pbf (code we did not write).
// Arguments: tile files. Writes JSON {file: {layer: {extent, version, features: [{type, id, properties, geometry}]}}}
// where geometry is the decoded rings/lines/points in tile coordinates.
import { readFileSync } from 'node:fs';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

const out = {};
for (const file of process.argv.slice(2)) {
  const tile = new VectorTile(new PbfReader(readFileSync(file)));
  const layers = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features = [];
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      features.push({
        type: ['Unknown', 'Point', 'LineString', 'Polygon'][f.type],
        id: f.id,
        properties: f.properties,
        geometry: f.loadGeometry().map((ring) => ring.map((p) => [p.x, p.y])),
      });
    }
    layers[name] = { extent: layer.extent, version: layer.version, features };
  }
  out[file] = layers;
}
process.stdout.write(JSON.stringify(out));
