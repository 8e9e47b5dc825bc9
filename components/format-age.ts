/** Moved to lib/format/format-age.ts (the background words ages too); kept here for the views' imports. */
export { formatAge } from '../lib/format/format-age';
