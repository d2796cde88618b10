import type { RouteObject } from 'react-router';

/** This feature's screens, lazily loaded (children of the layout route). */
export const routes: RouteObject[] = [];
