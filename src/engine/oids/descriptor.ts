/**
 * One record per OID, and everything the emulator knows about it: its §2.1 entry (value, request types),
 * the structure its buffer holds, how many bytes that buffer needs, what NDIS and the miniport do with
 * it, and the OID console's form. The OID table, NDIS's validation, the handlers and the console's form
 * list are all read off these records (catalog.ts), so adding an OID is adding one descriptor.
 */
import type { RequestKind } from '../ndis/requestTypes.ts';
import type { StructName } from '../ndis/structs.ts';
import type { OidForm } from './form.ts';
import type { OidHandler } from './outcome.ts';

export interface OidDescriptor extends OidHandler {
  /** The OID's value in ntddndis.h (§2.1). */
  value: number;
  /** The request kinds the header allows (§2.1, R1); the first is the one a request gets by default. */
  kinds: readonly RequestKind[];
  /** The structure at the start of the buffer (input for set/method, output for query). */
  struct: StructName;
  /** The reference section that describes the OID (§3.x). */
  section: string;
  /** What the request does, in one line. */
  purpose: string;
  form: OidForm;
}
