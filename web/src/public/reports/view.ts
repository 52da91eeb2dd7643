// One citizen view (home, report form, lookup) inside the public page.

import type { Msg } from '../../shared/i18n.ts';

export interface View {
  readonly el: HTMLElement;
  readonly title: Msg;
  /** Called once the view is in the document (the map measures itself, focus moves). */
  attached?(): void;
  destroy(): void;
}
