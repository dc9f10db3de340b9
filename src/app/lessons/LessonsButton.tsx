/** The header's Lessons button. The list loads when it is first opened, not with the page (bench P4). */
import { Suspense } from 'react';
import { useLessons } from '../page/PageProvider.tsx';
import { lazyNamed } from '../ui/lazyPart.tsx';
import { Button } from '../ui/primitives.tsx';

const LessonList = lazyNamed(() => import('./LessonList.tsx'), 'LessonList');

export function LessonsButton() {
  const open = useLessons((s) => s.listOpen);
  const showList = useLessons((s) => s.showList);
  return (
    <>
      <Button variant="secondary" onClick={() => showList(true)} aria-haspopup="dialog" data-testid="lessons-button">
        Lessons
      </Button>
      {open && (
        <Suspense fallback={null}>
          <LessonList onClose={() => showList(false)} />
        </Suspense>
      )}
    </>
  );
}
