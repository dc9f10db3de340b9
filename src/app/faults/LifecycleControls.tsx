/** NDIS's calls into the miniport's lifecycle, and NdisCloseAdapterEx for an open binding. */
import { useId } from 'react';
import type { AdapterState, AdapterView } from '../../engine/index.ts';
import { useSide } from '../side/SideProvider.tsx';
import { useDigest } from '../side/useTrace.ts';
import { Button } from '../ui/primitives.tsx';
import { UserText } from '../ui/UserText.tsx';
import { bindingsDigest, callAllowed, LIFECYCLE_CALLS, openBindings } from './faultControls.ts';

export function LifecycleControls({ state }: { state: AdapterState }) {
  const { act } = useSide();
  const id = useId();
  return (
    <>
      <p className="mb-2 text-xs text-slate-500">
        NDIS calls the miniport’s handler. A call the adapter’s state does not allow is greyed out.
      </p>
      <ul className="space-y-1.5">
        {LIFECYCLE_CALLS.map((call) => (
          <li key={call.action} className="flex items-baseline gap-3">
            <Button
              className="w-44 shrink-0 justify-center font-mono text-xs"
              disabled={!callAllowed(call, state)}
              aria-describedby={`${id}-${call.action}`}
              onClick={() => act((client) => client.adapterAction(call.action))}
              data-testid={`lifecycle-${call.action}`}
            >
              {call.handler}
            </Button>
            <span id={`${id}-${call.action}`} className="text-xs text-slate-600">
              {call.effect}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function BindingControls({ view }: { view: AdapterView }) {
  const { act } = useSide();
  const bindings = openBindings(useDigest(bindingsDigest).value(), view);
  const effect = useId();
  return (
    <>
      <p className="mb-2 text-xs text-slate-500" id={effect}>
        NdisCloseAdapterEx: NDIS aborts the binding’s pending requests. Filters or queues it leaves behind break R41,
        and NDIS clears and frees them itself. The binding’s later requests are refused.
      </p>
      {bindings.length === 0 ? (
        <p className="text-sm text-slate-500">Every binding is closed.</p>
      ) : (
        <ul className="space-y-1.5">
          {bindings.map((binding) => (
            <li key={binding} className="flex items-center gap-3" data-testid="binding-row">
              <span className="min-w-0 truncate font-mono text-sm text-slate-800">
                <UserText text={binding} />
              </span>
              <Button
                className="ml-auto shrink-0 font-mono text-xs"
                aria-label={`NdisCloseAdapterEx: close the binding ${binding}`}
                aria-describedby={effect}
                onClick={() => act((client) => client.closeBinding(binding))}
                data-testid="close-binding"
              >
                NdisCloseAdapterEx
              </Button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
