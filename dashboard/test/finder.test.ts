/**
 * The startup finder's address and choices: what an address says is what the graph is asked,
 * what the graph would refuse is left out, and a thematic spelt several ways is one choice.
 */
import { describe, expect, it } from 'vitest';
import { finder, finderVariables, readFinder } from '../src/finder-address.js';
import { choicesFrom } from '../src/finder-choices.js';

const read = (address: string) => readFinder(new URLSearchParams(address.split('?')[1] ?? ''));

describe('the finder’s address', () => {
  it('says the search, and is read back the same', () => {
    const state = {
      q: 'santé mentale',
      phase: 'ACCELERATION',
      incubateur: 'mtes',
      thematique: 'Éducation',
      actif: 'oui',
      annee: '2021',
      tri: 'debut-desc',
      apres: 'WyJOQU1FIl0',
    } as const;
    const address = finder(state);
    expect(address).toBe(
      '#/startups?q=sant%C3%A9+mentale&phase=ACCELERATION&incubateur=mtes&thematique=%C3%89ducation&actif=oui&annee=2021&tri=debut-desc&apres=WyJOQU1FIl0',
    );
    expect(read(address)).toEqual(state);
    // Nothing for "any", nor for the default order.
    expect(finder({ q: '  ', tri: 'nom-asc' })).toBe('#/startups');
  });

  it('leaves out what the graph would refuse', () => {
    expect(read('#/startups?phase=acceleration&actif=peut-etre&annee=21&tri=toString')).toEqual({
      q: '',
      phase: 'ACCELERATION',
      incubateur: '',
      thematique: '',
      actif: '',
      annee: '',
      tri: 'nom-asc',
      apres: '',
    });
    expect(read('#/startups?phase=PIVOT').phase).toBe('');
  });

  it('asks the graph for exactly that', () => {
    expect(finderVariables(read('#/startups?q=+Contr%C3%B4le+&actif=non&annee=2021&tri=phase-desc&apres=abc'))).toEqual({
      filter: { search: 'Contrôle', active: false, startedIn: 2021 },
      orderBy: { field: 'PHASE_START', direction: 'DESC' },
      after: 'abc',
    });
    expect(finderVariables(read('#/startups'))).toEqual({ filter: {}, orderBy: { field: 'NAME', direction: 'ASC' }, after: null });
  });
});

describe('the finder’s choices', () => {
  const incubator = (id: string, thematics: { name: string; startups: number }[] | null, years: [number, number][] | null) => ({
    id,
    name: id.toUpperCase(),
    thematics,
    startupTally: years?.map(([entryYear, startups]) => ({ entryYear, startups })) ?? null,
  });

  it('sums a thematic across incubators and spellings, named as most startups write it', () => {
    const choices = choicesFrom(
      {
        incubators: [
          incubator(
            'b',
            [
              { name: 'Education', startups: 12 },
              { name: 'data', startups: 1 },
            ],
            [[2021, 13]],
          ),
          incubator(
            'a',
            [
              { name: 'Éducation', startups: 1 },
              { name: 'Data', startups: 2 },
              { name: 'Santé', startups: 3 },
            ],
            [
              [2021, 2],
              [2019, 4],
            ],
          ),
        ],
      },
      2026,
    );
    expect(choices.thematics).toEqual([
      { name: 'Data', startups: 3 },
      { name: 'Education', startups: 13 },
      { name: 'Santé', startups: 3 },
    ]);
    expect(choices.incubators.map((i) => i.id)).toEqual(['a', 'b']);
    expect(choices.years).toEqual([
      { year: 2021, startups: 15 },
      { year: 2019, startups: 4 },
    ]);
  });

  it('offers every year since 2013, uncounted, when an incubator cannot count its own', () => {
    const { years } = choicesFrom({ incubators: [incubator('a', [], [[2021, 2]]), incubator('old', null, null)] }, 2026);
    expect(years.map((y) => y.year)).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016, 2015, 2014, 2013]);
    expect(years.every((y) => y.startups === null)).toBe(true);
  });
});
