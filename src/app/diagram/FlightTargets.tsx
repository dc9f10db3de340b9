/**
 * The frames in flight, for the keyboard: while the run is paused, each dot on the canvas has a button over it in
 * the diagram's roving focus, named for its frame, and Enter selects the frame (the inspector shows its path). While
 * it plays the dots move too fast to aim at, so there are none.
 */
import type { DrawnDots } from './flightDots.ts';
import { useSide } from '../side/SideProvider.tsx';

export function FlightTargets({ dots }: { dots: DrawnDots }) {
  const { select } = useSide();
  const targets: { frameId: number; x: number; y: number }[] = [];
  for (let i = 0; i + 2 < dots.length; i += 3)
    targets.push({ frameId: dots[i] as number, x: dots[i + 1] as number, y: dots[i + 2] as number });
  return (
    <>
      {targets.map(({ frameId, x, y }) => (
        <button
          key={frameId}
          type="button"
          tabIndex={-1}
          data-roving-key={`frame-${frameId}`}
          data-testid="flight-target"
          data-frame-id={frameId}
          aria-label={`Frame #${frameId}, in flight`}
          onClick={(event) => {
            event.stopPropagation();
            select({ kind: 'frame', id: frameId });
          }}
          className="absolute size-6 -translate-x-1/2 -translate-y-1/2 rounded-full opacity-0 outline-offset-2 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-sky-600"
          style={{ left: x, top: y }}
        />
      ))}
    </>
  );
}
