import { useState } from 'react';

/**
 * `value` when there is one, else the last one there was. The TCP widgets pass the model's run while the
 * parameters are valid and undefined while they are not, so the figure keeps showing the last valid run
 * (marked stale by the widget) instead of vanishing while the reader types a value through bad ones.
 */
export function useLastValid<T>(value: T | undefined): T | undefined {
  const [last, setLast] = useState(value);
  // Adjusting state while rendering (React's pattern for keeping what an earlier render saw).
  if (value !== undefined && value !== last) setLast(value);
  return value ?? last;
}
