/**
 * The block under the pointer (or pinned by a click, or of the selected queue): where it lives, its buffers, the
 * miniport's own reason for placing it there (the `why` the engine reports with the block), and what that means for security.
 */
import { MANAGEMENT_OS, type MemoryBlockView } from '../../engine/index.ts';
import { formatCount } from '../ui/format.ts';
import { placementNote } from './placement.ts';
import { Citations } from '../reference/RefLink.tsx';
import { UserText } from '../ui/UserText.tsx';
import { Term } from '../glossary/Term.tsx';

const hex = (n: number): string => `0x${n.toString(16).toUpperCase()}`;

export function BlockDetail({ block, pinned }: { block: MemoryBlockView | null; pinned: boolean }) {
  if (!block) {
    return (
      <p className="text-sm text-slate-500" data-testid="memory-block-detail">
        Hover over or click a block to see why it lives in that address space.
      </p>
    );
  }
  const owner =
    block.space === MANAGEMENT_OS ? (
      <>
        <Term id="management-os">management OS</Term> (host memory)
      </>
    ) : (
      <>
        <UserText text={block.space} /> (<Term id="guest">guest memory</Term>)
      </>
    );
  return (
    <div className="text-sm" data-testid="memory-block-detail" data-block-id={block.blockId}>
      <p className="font-medium text-slate-900">
        Block {block.blockId} · <span className="font-mono text-[13px]">{block.usage}</span> · queue {block.queueId}
        {pinned && (
          <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">pinned</span>
        )}
      </p>
      <p className="mt-0.5 text-slate-600">
        {owner} at <span className="font-mono text-[13px]">{hex(block.address)}</span>, {formatCount(block.buffers)}{' '}
        buffers × {formatCount(block.bufferStride)} B
        {block.backfill > 0 && (
          <>
            , each with {block.backfill} B of <Term id="backfill">backfill</Term>
          </>
        )}
      </p>
      <p className="mt-2 text-slate-800" data-testid="memory-block-why">
        <span className="font-medium">Why here: </span>
        <Citations text={block.why} />
      </p>
      <p className="mt-1 text-slate-600">
        <Citations text={placementNote(block.usage, block.space, block.queueId)} />
      </p>
    </div>
  );
}
