// Geometry helpers for the reference-data scripts: polygon centroids and the
// RD New (EPSG:28992) -> WGS84 approximation of Schreutelkamp & Strang van Hees
// (accurate to about a metre within the Netherlands; ample for centroids).

const X0 = 155000;
const Y0 = 463000;
const PHI0 = 52.1551744;
const LAM0 = 5.38720621;
// [p, q, coefficient]: dPhi (arc seconds) = sum K * dX^p * dY^q, dX/dY in 100 km units.
const K = [
  [0, 1, 3235.65389], [2, 0, -32.58297], [0, 2, -0.2475], [2, 1, -0.84978],
  [0, 3, -0.0655], [2, 2, -0.01709], [1, 0, -0.00738], [4, 0, 0.0053],
  [2, 3, -0.00039], [4, 1, 0.00033], [1, 1, -0.00012],
];
const L = [
  [1, 0, 5260.52916], [1, 1, 105.94684], [1, 2, 2.45656], [3, 0, -0.81885],
  [1, 3, 0.05594], [3, 1, -0.05607], [0, 1, 0.01199], [3, 2, -0.00256],
  [1, 4, 0.00128], [0, 2, 0.00022], [2, 0, -0.00022], [5, 0, 0.00026],
];

/** RD New metres -> WGS84 degrees. */
export function rdToWgs84(x, y) {
  const dx = (x - X0) * 1e-5;
  const dy = (y - Y0) * 1e-5;
  const sum = (terms) => terms.reduce((acc, [p, q, c]) => acc + c * dx ** p * dy ** q, 0);
  return { lat: PHI0 + sum(K) / 3600, lon: LAM0 + sum(L) / 3600 };
}

/** Signed area and area-weighted centroid sums of one ring (shoelace). */
function ring(points) {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < points.length - 1; i++) {
    const [x1, y1] = points[i];
    const [x2, y2] = points[i + 1];
    const cross = x1 * y2 - x2 * y1;
    a += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  return { area: a / 2, cx: cx / 6, cy: cy / 6 };
}

/** Area-weighted centroid of planar polygons: outer rings add, holes subtract. */
function planarCentroid(polygons) {
  let area = 0;
  let sx = 0;
  let sy = 0;
  for (const rings of polygons) {
    rings.forEach((points, i) => {
      const r = ring(points);
      const sign = (i === 0 ? 1 : -1) * Math.sign(r.area);
      area += sign * r.area;
      sx += sign * r.cx;
      sy += sign * r.cy;
    });
  }
  if (area <= 0) throw new Error('degenerate geometry');
  return [sx / area, sy / area];
}

function polygonsOf(geometry) {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  throw new Error(`unsupported geometry ${geometry.type}`);
}

const round4 = (n) => Math.round(n * 1e4) / 1e4;

/**
 * Approximate centroid of a (Multi)Polygon in WGS84. Coordinates larger than
 * 1000 are taken as RD New metres; otherwise as lon/lat degrees, which are
 * scaled by cos(latitude) so the area weighting stays near-planar.
 */
export function featureCentroid(geometry) {
  const polygons = polygonsOf(geometry);
  const first = polygons[0][0][0];
  if (Math.abs(first[0]) > 1000) {
    const [x, y] = planarCentroid(polygons);
    const { lat, lon } = rdToWgs84(x, y);
    return { lat: round4(lat), lon: round4(lon) };
  }
  const k = Math.cos((first[1] * Math.PI) / 180);
  const scaled = polygons.map((rings) => rings.map((pts) => pts.map(([lon, lat]) => [lon * k, lat])));
  const [x, y] = planarCentroid(scaled);
  return { lat: round4(y), lon: round4(x / k) };
}
