import { KeyPersonShortlists } from './key-person-shortlists';

describe('KeyPersonShortlists', () => {
  it('keeps each key person\'s best edges by score, then newcomer, and none of a key person without places', () => {
    // Two key persons with places, one without; newcomer i offers key person i % 3 the score (i * 7) % 10 + 1.
    const newcomers = 30;
    const edgeNewcomer = Int32Array.from({ length: newcomers }, (_, i) => i);
    const edgeKeyPerson = Int32Array.from({ length: newcomers }, (_, i) => i % 3);
    const edgeScore = Float64Array.from({ length: newcomers }, (_, i) => ((i * 7) % 10) + 1);
    const shortlists = new KeyPersonShortlists(Int32Array.from([2, 0, 1]), newcomers, 3, edgeNewcomer, edgeScore);
    shortlists.collect(edgeKeyPerson);
    const { edges, repeats } = shortlists.edges(-1);

    const best = (k: number) =>
      [...edgeNewcomer.keys()]
        .filter((e) => edgeKeyPerson[e] === k)
        .sort((a, b) => edgeScore[b] - edgeScore[a] || a - b)
        .slice(0, 3);
    // Key person after key person; within one, in no particular order.
    expect(repeats).toBe(false);
    expect(edges.length).toBe(6);
    expect([...edges.subarray(0, 3)].sort((a, b) => a - b)).toEqual(best(0).sort((a, b) => a - b));
    expect([...edges.subarray(3)].sort((a, b) => a - b)).toEqual(best(2).sort((a, b) => a - b));
  });

  it('holds buffers for the key persons with places only: a large registry, nearly all of it full, costs nothing', () => {
    // 200,000 key persons, two with places, a shortlist of 10,000: 2 · 10,000 slots each for the two, where a buffer
    // for every key person would be 4·10⁹ slots (48 GB).
    const keyPersons = 200_000;
    const capacities = new Int32Array(keyPersons);
    capacities[7] = 1;
    capacities[keyPersons - 1] = 3;
    const edgeNewcomer = Int32Array.from([0, 1, 2, 3]);
    const edgeKeyPerson = Int32Array.from([7, 8, keyPersons - 1, 7]);
    const edgeScore = Float64Array.from([5, 9, 4, 6]);
    const shortlists = new KeyPersonShortlists(capacities, 4, 10_000, edgeNewcomer, edgeScore);

    expect(shortlists.collect(edgeKeyPerson)).toBe(1);
    // Key person 8 has no place: their edge is never kept. Key person 7's two (in no particular order), then the last's.
    const { edges } = shortlists.edges(-1);
    expect([...edges.subarray(0, 2)].sort((a, b) => a - b)).toEqual([0, 3]);
    expect([...edges.subarray(2)]).toEqual([2]);
  });
});
