// Validates a MapLibre style document with MapLibre's own style-spec validator (not ours).
// Usage: node validate-style.mjs STYLE.json — prints a JSON array of error messages (empty: valid).
import { readFileSync } from 'node:fs';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';

const style = JSON.parse(readFileSync(process.argv[2], 'utf8'));
console.log(JSON.stringify(validateStyleMin(style).map((e) => e.message)));
