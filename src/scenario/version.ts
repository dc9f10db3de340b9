/** The scenario file's header values, apart from the schema so code that writes files need not load the parser. */
export const SCENARIO_FORMAT = 'vmq-scenario';
export const SCENARIO_VERSION = 2;
