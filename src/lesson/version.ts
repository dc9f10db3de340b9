/** The lesson file's header values, apart from the schema so code that only lists lessons need not load the parser. */
export const LESSON_FORMAT = 'vmq-lesson';
export const LESSON_VERSION = 1;
