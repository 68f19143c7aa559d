/**
 * How the catalogue shows its themes. api.gouv.fr writes some without their accent or capital
 * ("Energie", "ecologie", "urbanisme"): shown here as French writes them. The theme filter
 * compares folded names, so "Énergie", "Energie" and "energie" still select the same APIs.
 */
import { foldText } from '@gouvgraph/schema';

/** Display names by folded theme, for the themes the source misspells. */
const THEME_NAMES: Record<string, string> = {
  ecologie: 'Écologie',
  education: 'Éducation',
  energie: 'Énergie',
  'enseignement superieur': 'Enseignement supérieur',
};

/** A theme as shown: its French name, or the spelling given with a capital initial. */
export function themeName(theme: string): string {
  return THEME_NAMES[foldText(theme)] ?? theme.charAt(0).toUpperCase() + theme.slice(1);
}

/** An API's themes as shown, each once. */
export function themeNames(themes: readonly string[]): string[] {
  return [...new Set(themes.map(themeName))];
}
