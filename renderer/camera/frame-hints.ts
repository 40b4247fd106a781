/**
 * What the viewfinder tells the person holding a code up to the camera, computed from the frames themselves (pure:
 * unit-tested without a camera). The decoder worker measures each frame on a coarse grid (every STEP-th pixel), the
 * screen turns the measurements of the last frames into one hint. A hint needs SETTLE_COUNT of the last SETTLE_WINDOW
 * frames to agree, so it does not flicker with every frame.
 */

export type CameraHint = 'ok' | 'too-dark' | 'too-bright' | 'too-small' | 'hold-still';

export interface FrameStats {
  /** Mean luma 0–255 over the sampled pixels. */
  readonly meanLuma: number;
  /** Fraction of sampled pixels at or above CLIPPED_LUMA (blown-out: glare, backlight). */
  readonly clippedFraction: number;
  /** Mean luma of each cell of a GRID_COLUMNS × GRID_ROWS grid: compared between frames to see motion. */
  readonly grid: readonly number[];
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export const GRID_COLUMNS = 16;
export const GRID_ROWS = 9;
const STEP = 4;
const CLIPPED_LUMA = 245;
/** Below this mean luma a QR's modules drown in sensor noise (a dim lobby at night, no torch). */
export const TOO_DARK_MEAN = 45;
export const TOO_BRIGHT_MEAN = 220;
export const TOO_BRIGHT_CLIPPED = 0.3;
/** Mean change of the grid cells between consecutive frames (grey levels) above which the picture is moving. */
export const MOVING_DELTA = 10;
/** A located code whose shorter side is under this fraction of the frame's shorter side is too far away. */
export const TOO_SMALL_FRACTION = 0.12;
export const SETTLE_WINDOW = 5;
export const SETTLE_COUNT = 3;

/** Measures an RGBA frame (as canvas getImageData gives it), sampling every STEP-th pixel of every STEP-th row. */
export function measureFrame(data: ArrayLike<number>, width: number, height: number): FrameStats {
  const sums = new Float64Array(GRID_COLUMNS * GRID_ROWS);
  const counts = new Uint32Array(GRID_COLUMNS * GRID_ROWS);
  let total = 0;
  let clipped = 0;
  let n = 0;
  for (let y = 0; y < height; y += STEP) {
    const row = Math.min(GRID_ROWS - 1, Math.floor((y * GRID_ROWS) / height));
    for (let x = 0; x < width; x += STEP) {
      const i = (y * width + x) * 4;
      // Rec. 601 luma in integers: what a camera's Y plane holds.
      const luma = (77 * data[i]! + 150 * data[i + 1]! + 29 * data[i + 2]!) >> 8;
      const cell = row * GRID_COLUMNS + Math.min(GRID_COLUMNS - 1, Math.floor((x * GRID_COLUMNS) / width));
      sums[cell]! += luma;
      counts[cell]!++;
      total += luma;
      if (luma >= CLIPPED_LUMA) clipped++;
      n++;
    }
  }
  const grid = Array.from(sums, (s, i) => (counts[i]! > 0 ? s / counts[i]! : 0));
  return { meanLuma: n > 0 ? total / n : 0, clippedFraction: n > 0 ? clipped / n : 0, grid };
}

/** Mean absolute change of the grid cells between two frames, in grey levels. */
export function motionBetween(a: FrameStats, b: FrameStats): number {
  let sum = 0;
  for (let i = 0; i < a.grid.length; i++) sum += Math.abs(a.grid[i]! - (b.grid[i] ?? 0));
  return a.grid.length > 0 ? sum / a.grid.length : 0;
}

export interface HintInput {
  readonly stats: FrameStats;
  readonly previous?: FrameStats;
  /** A code was decoded in this frame: nothing to advise. */
  readonly decoded: boolean;
  /** Corners of a code found in the frame but not decoded (zxing's located-with-errors results), if any. */
  readonly located?: readonly Point[];
  readonly width: number;
  readonly height: number;
}

/** The hint for one frame. Order matters: light first (nothing else can be judged in the dark), then motion, size. */
export function frameHint(input: HintInput): CameraHint {
  if (input.decoded) return 'ok';
  const { stats } = input;
  if (stats.meanLuma < TOO_DARK_MEAN) return 'too-dark';
  if (stats.meanLuma > TOO_BRIGHT_MEAN || stats.clippedFraction > TOO_BRIGHT_CLIPPED) return 'too-bright';
  if (input.previous && motionBetween(stats, input.previous) > MOVING_DELTA) return 'hold-still';
  if (input.located && input.located.length === 4 && shorterSide(input.located) < TOO_SMALL_FRACTION * Math.min(input.width, input.height)) return 'too-small';
  return 'ok';
}

function shorterSide(corners: readonly Point[]): number {
  const side = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
  return Math.min(...corners.map((c, i) => side(c, corners[(i + 1) % corners.length]!)));
}

/** The hint to show: one that SETTLE_COUNT of the last SETTLE_WINDOW frames agree on, else 'ok'. Newest last. */
export function settledHint(recent: readonly CameraHint[]): CameraHint {
  const window = recent.slice(-SETTLE_WINDOW);
  const counts = new Map<CameraHint, number>();
  for (const hint of window) counts.set(hint, (counts.get(hint) ?? 0) + 1);
  // The newest frame's hint wins a tie: it is what the person sees now.
  for (const hint of [...window].reverse()) if (hint !== 'ok' && (counts.get(hint) ?? 0) >= SETTLE_COUNT) return hint;
  return 'ok';
}
