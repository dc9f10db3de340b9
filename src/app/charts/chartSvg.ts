/**
 * A chart as a standalone SVG file, for a design document or a slide: the drawn SVG cloned with every colour
 * resolved to the theme's value now (the file has no stylesheet), a background, system fonts, and the xmlns.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
const SYSTEM_FONTS = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const VAR = /var\((--[\w-]+)\)/g;
/** Space between charts when several go in one file. */
const GAP_PX = 16;

/** The charts `svgs` in one file, stacked `columns` wide, as they were drawn. */
export function standaloneSvg(svgs: readonly SVGSVGElement[], columns: number, title: string): string {
  const colour = colourResolver();
  const sizes = svgs.map((svg) => ({ width: svg.width.baseVal.value, height: svg.height.baseVal.value }));
  const cellWidth = Math.max(0, ...sizes.map((s) => s.width));
  const rows: number[] = [];
  sizes.forEach((size, i) => {
    const row = Math.floor(i / columns);
    rows[row] = Math.max(rows[row] ?? 0, size.height);
  });
  const width = GAP_PX + Math.min(columns, svgs.length) * (cellWidth + GAP_PX);
  const height = GAP_PX + rows.reduce((sum, h) => sum + h + GAP_PX, 0);

  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', SYSTEM_FONTS);
  const heading = document.createElementNS(SVG_NS, 'title');
  heading.textContent = title;
  root.append(heading);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', colour('var(--viz-bg)'));
  root.append(background);
  svgs.forEach((svg, i) => {
    const row = Math.floor(i / columns);
    const cell = document.createElementNS(SVG_NS, 'g');
    const y = GAP_PX + rows.slice(0, row).reduce((sum, h) => sum + h + GAP_PX, 0);
    cell.setAttribute('transform', `translate(${GAP_PX + (i % columns) * (cellWidth + GAP_PX)} ${y})`);
    for (const child of svg.children) cell.append(resolved(child.cloneNode(true) as Element, colour));
    root.append(cell);
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`;
}

/** Replaces var(--viz-…) in every attribute with the colour it stands for, and drops what only the page uses. */
function resolved(element: Element, colour: (value: string) => string): Element {
  for (const node of [element, ...element.querySelectorAll('*')]) {
    for (const attribute of [...node.attributes]) {
      if (attribute.name.startsWith('data-') || attribute.name === 'class') node.removeAttribute(attribute.name);
      else if (attribute.value.includes('var(')) node.setAttribute(attribute.name, colour(attribute.value));
    }
  }
  return element;
}

/** Resolves a value with var(--…) to sRGB hex: the themes are written in oklch, which not every editor reads. */
function colourResolver(): (value: string) => string {
  const style = getComputedStyle(document.documentElement);
  const canvas = document.createElement('canvas');
  canvas.width = 1;
  canvas.height = 1;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const cache = new Map<string, string>();
  const toHex = (css: string): string => {
    if (!context) return css;
    const known = cache.get(css);
    if (known) return known;
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = '#000';
    context.fillStyle = css;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data as unknown as number[];
    const hex = `#${[r, g, b].map((n) => (n ?? 0).toString(16).padStart(2, '0')).join('')}`;
    const out = a === 255 ? hex : css;
    cache.set(css, out);
    return out;
  };
  return (value) => value.replace(VAR, (_, name: string) => toHex(style.getPropertyValue(name).trim()));
}
