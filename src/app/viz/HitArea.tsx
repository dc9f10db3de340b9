/**
 * A selectable thing of a drawing (a queue row, a filter row, a CPU, a request, a memory block), for the pointer and
 * the keyboard: a transparent button laid over its drawing, named in full words, one of the drawing's roving items
 * (ui/useRovingFocus.ts), pressed with Enter (Space plays or pauses, shell/shortcuts.ts), ringed on focus
 * (ui/theme.css). The drawing under it is hidden from the accessibility tree: its words are cut to fit, the name is
 * not, and a button holding the drawn text would have to repeat all of it in its name (WCAG 2.5.3, label in name).
 */
import type { ReactNode } from 'react';
import type { Rect } from './geometry.ts';

export function Drawn({ children }: { children: ReactNode }) {
  // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG <g> without tabindex is not focusable; nothing inside is.
  return <g aria-hidden="true">{children}</g>;
}

export function HitArea({
  rect,
  rx,
  rovingKey,
  label,
  pressed,
  onPick,
  onHover,
  tooltip,
}: {
  rect: Rect;
  rx: number;
  rovingKey: string;
  label: string;
  /** Whether it is the selected thing; undefined when selecting it shows nothing (a CPU that serves no queue). */
  pressed?: boolean | undefined;
  onPick?: (() => void) | undefined;
  /** The pointer came over it (true) or left it (false). */
  onHover?: ((over: boolean) => void) | undefined;
  tooltip?: string | undefined;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; this <rect> takes the button's role and Enter.
    <rect
      role="button"
      tabIndex={-1}
      data-roving-key={rovingKey}
      aria-label={label}
      aria-pressed={pressed}
      onClick={onPick}
      onMouseEnter={onHover && (() => onHover(true))}
      onMouseLeave={onHover && (() => onHover(false))}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' || !onPick) return;
        e.preventDefault();
        onPick();
      }}
      className={`viz-hit outline-none ${onPick ? 'cursor-pointer' : ''}`}
      x={rect.x}
      y={rect.y}
      width={rect.w}
      height={rect.h}
      rx={rx}
      fill="transparent"
    >
      {tooltip && <title>{tooltip}</title>}
    </rect>
  );
}
