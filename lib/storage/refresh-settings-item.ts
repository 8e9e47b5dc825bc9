import { defineVersionedItem } from './versioned-item';

/**
 * How often connected accounts are read, in minutes (the `alarms` period). One minute by
 * default (issue 5); Chrome runs alarms at most every 30 s, and venue rate limits are far
 * above one read a minute for the handful of calls an account read makes.
 */
export const DEFAULT_REFRESH_MINUTES = 1;

export const refreshMinutesItem = defineVersionedItem<number>('local:refreshMinutes', {
  fallback: DEFAULT_REFRESH_MINUTES,
  version: 1,
  migrations: {},
});
