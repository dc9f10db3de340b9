/** Says calmly that a side's simulation stopped and was restored (side/recovery.ts), or that it could not be. */
import { useStore } from 'zustand';
import { usePage, usePageStore } from '../page/PageProvider.tsx';
import type { Side } from '../side/createSide.ts';
import { Banner } from '../ui/primitives.tsx';

export function RecoveryBanner() {
  const page = usePage();
  const ids = usePageStore((s) => s.sides.map((side) => side.id).join(' '));
  const several = ids.includes(' ');
  return (
    <>
      {page.sides().map((side) => (
        <SideRecovery key={side.id} side={side} named={several} />
      ))}
    </>
  );
}

/** `named`: several sides are shown, so the banner says which one it is about. */
function SideRecovery({ side, named }: { side: Side; named: boolean }) {
  const { status, reason, outcome, dismiss } = useStore(side.recovery);
  const descriptor = usePageStore((s) => s.sides.find((d) => d.id === side.id));
  if (status === 'idle') return null;
  const failed = status === 'failed';
  const who = named && descriptor ? `${descriptor.label}: the` : 'The';
  return (
    <Banner
      role="status"
      aria-live="polite"
      data-testid="recovery-banner"
      data-status={status}
      tone={failed ? 'warning' : 'info'}
      {...(status === 'recovering' ? {} : { onDismiss: dismiss })}
    >
      <p className="font-semibold">
        {status === 'recovering' && `${who} simulation stopped; restarting it and restoring your session…`}
        {status === 'recovered' && `${who} simulation stopped and was restarted.`}
        {failed && `${who} simulation stopped and could not be restored.`}
      </p>
      {reason && (
        <p className="mt-0.5 break-words" dir="auto">
          Cause: {reason}
        </p>
      )}
      {outcome && (
        <p className="mt-0.5 break-words" data-testid="recovery-outcome" dir="auto">
          {outcome}
          {failed && ' Load a scenario, or reload the page, to go on.'}
        </p>
      )}
    </Banner>
  );
}
