/** In place of a tool the lesson on screen leaves out (its `allow`), and why. */
import { TOOL_NAMES } from '../page/lessonAttempts.ts';
import type { LessonTool } from '../page/lessons.ts';
import { usePageStore } from '../page/PageProvider.tsx';

export function ToolOff({ tool }: { tool: LessonTool }) {
  const lesson = usePageStore((s) => s.loaded?.lesson);
  const others = lesson?.allow.map((allowed) => TOOL_NAMES[allowed]).join(' and ');
  return (
    <p className="px-4 py-6 text-sm text-slate-600" data-testid="tool-off" data-tool={tool}>
      Lesson {lesson?.number} is done with {others}, so {TOOL_NAMES[tool]} is off here: its checks judge what those
      show. Leave the lesson to use it again.
    </p>
  );
}
