/**
 * Instrument names as a trader reads them. They live in the engine (its warnings name
 * instruments the same way, and the engine imports nothing above it); views import them here.
 */
export { instrumentName, instrumentNames } from '../engine/product/instrument-name';
