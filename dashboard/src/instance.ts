/**
 * Who runs this instance. The GouvGraph project publishes the code; whoever deploys it publishes
 * the site and chooses its host, and says so when building the dashboard (`GOUVGRAPH_PUBLIC_*`,
 * docs/dashboard.md). Until then the legal pages say plainly what is left to complete.
 */
import { h } from './dom.js';

const setting = (value: string | undefined) => value?.trim() || null;

export const INSTANCE = {
  /** The publisher: organisation, postal address, director of publication. */
  publisher: setting(import.meta.env.GOUVGRAPH_PUBLIC_EDITEUR),
  /** The host: name, postal address, telephone. */
  host: setting(import.meta.env.GOUVGRAPH_PUBLIC_HEBERGEUR),
  /** An e-mail address or a web address where readers reach the publisher. */
  contact: setting(import.meta.env.GOUVGRAPH_PUBLIC_CONTACT),
};

/** A value of the instance, or a notice saying what its operator must write there. */
export function instanceText(value: string | null, missing: string): HTMLElement {
  if (value) return h('p', { class: 'gg-instance' }, value);
  return h(
    'div',
    { class: 'fr-alert fr-alert--warning fr-alert--sm fr-mb-3w', 'data-to-complete': '' },
    h('p', {}, h('strong', {}, 'À compléter par l’exploitant de cette instance'), `\u00a0: ${missing}.`),
  );
}

/** The contact as a link (an e-mail address or a web address), or the notice. */
export function contactLink(): HTMLElement {
  const contact = INSTANCE.contact;
  if (!contact) return instanceText(null, 'une adresse électronique ou un formulaire de contact (variable GOUVGRAPH_PUBLIC_CONTACT)');
  const href = /^https?:\/\//.test(contact) ? contact : `mailto:${contact}`;
  return h('p', {}, h('a', { href }, contact));
}
