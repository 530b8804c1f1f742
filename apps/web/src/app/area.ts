import type { RouteObject } from 'react-router-dom';
import type { Role } from './session';

/** Texts of one area in both languages; the two must have the same keys (checked in i18n.ts at start). */
export interface Messages {
  readonly [key: string]: string | Messages;
}

export interface NavItem {
  readonly to: string;
  /** Key in the area's own namespace. */
  readonly label: string;
  readonly roles: readonly Role[];
}

/**
 * One part of the console (profiles, matching, audit): its routes, its menu
 * entries and its texts. The shell (App.tsx) mounts every area; an area's
 * texts live in the i18next namespace named by its id.
 */
export interface Area {
  readonly id: string;
  readonly messages: { readonly en: Messages; readonly nl: Messages };
  readonly nav: readonly NavItem[];
  readonly routes: readonly RouteObject[];
}
