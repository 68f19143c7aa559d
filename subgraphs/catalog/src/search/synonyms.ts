/**
 * The State's vocabulary, for the catalogue search: words people type that the APIs' own texts
 * do not say. A query word (or words) found in `words` is also searched as each of the other
 * `words` and each of `alsoMeans`. Compared without accents, case or a final s; a term of several
 * words is searched as a phrase. Each entry says which APIs of the catalogue it is for: keep the
 * list small, and add to it only what a real query missed (docs/apis.md, "Search").
 */
export interface Synonym {
  words: readonly string[];
  alsoMeans: readonly string[];
  /** The catalogue's APIs it helps find, and why they did not match. */
  why: string;
}

export const SYNONYMS: readonly Synonym[] = [
  {
    words: ['SIREN', 'SIRET'],
    alsoMeans: ['Sirene', 'entreprise'],
    why: "They number the entreprises (and their établissements) of the Sirene register: API Sirene and Recherche d'entreprises name the register and the entreprises in their titles, taglines and keywords, SIRET at most in their descriptions.",
  },
  {
    words: ['entreprise'],
    alsoMeans: ['Sirene'],
    why: 'Sirene is the register of entreprises: API Sirene has the word in its tagline, not its title, and ranked 9th behind APIs that do.',
  },
  {
    words: ['énergie'],
    alsoMeans: ['énergétique'],
    why: 'The French stemmer keeps énergie and énergétique apart: the DPE, RGE and renovation APIs say "performance énergétique".',
  },
  {
    words: ['DPE', 'diagnostic de performance énergétique'],
    alsoMeans: [],
    why: 'The acronym and what it stands for: API GRDF ADICT gives only the acronym.',
  },
  {
    words: ['impôt'],
    alsoMeans: ['fiscal', 'DGFiP', 'finances publiques'],
    why: 'The tax administration (DGFiP, direction générale des finances publiques) says "fiscal" and its own name: API SFiP, FICOBA, R2P, RIAL.',
  },
  {
    words: ['pôle emploi'],
    alsoMeans: ['France Travail'],
    why: "Pôle emploi became France Travail in 2024: its APIs' titles say France Travail, only their ids still say pole-emploi.",
  },
  {
    words: ['ameli'],
    alsoMeans: ['Assurance Maladie'],
    why: "ameli is the Assurance Maladie's name for the public (ameli.fr); no API text says it.",
  },
];
