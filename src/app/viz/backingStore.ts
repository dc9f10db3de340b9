/**
 * Sizes a canvas's backing store to its CSS size at the screen's pixel ratio, and returns that ratio. Writing
 * `width` or `height` clears the canvas and makes the browser lay the page out again even when the value is the
 * same, so they are written only when they change: a canvas redrawn every batch would otherwise cost a layout each.
 * A worker, which has no window, passes the page's ratio.
 */
export function fitBackingStore(
  canvas: HTMLCanvasElement | OffscreenCanvas,
  widthPx: number,
  heightPx: number,
  ratio: number = window.devicePixelRatio || 1,
): number {
  const width = Math.round(widthPx * ratio);
  const height = Math.round(heightPx * ratio);
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  return ratio;
}
