/**
 * What the pages the gateway renders itself (the open data site under `/donnees/`) load: the
 * DSFR's styles, icons and script as the dashboard has them, from the same build, so they share
 * its files (cached by the browser) and need nothing the gateway does not serve.
 */
import '@gouvfr/dsfr/dist/dsfr.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-system/icons-system.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-development/icons-development.min.css';
// The header's menu and the breadcrumb open with it on small screens.
import '@gouvfr/dsfr/dist/dsfr.module.min.js';
import './style.css';
