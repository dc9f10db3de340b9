/** The tag of a request NDIS issued itself, as the engine's `issuedBy` says (never inferred from its binding). */
import type { OidResult } from '../../engine/index.ts';

/** `brief`: "by NDIS", for a row that must leave the room to the request's OID. */
export function IssuedByTag({ issuedBy, brief = false }: { issuedBy: OidResult['issuedBy']; brief?: boolean }) {
  if (issuedBy !== 'NDIS') return null;
  return (
    <span
      className="inline-block rounded bg-sky-50 px-1 text-xs leading-4 text-sky-800 ring-1 ring-sky-200 ring-inset"
      title="NDIS issued this request itself, in the name of the binding it cleans up for: at halt, or after a binding closed with filters or queues left (R41, R42)"
      data-testid="issued-by-ndis"
    >
      {brief ? 'by NDIS' : 'issued by NDIS (cleanup)'}
    </span>
  );
}
