import { describe, expect, it } from 'vitest';
import { abcClasses } from './abc';

describe('ABC classes', () => {
  it('follow the cumulative share of sales', () => {
    expect(abcClasses([70, 20, 6, 4])).toEqual(['A', 'A', 'B', 'C']);
    expect(abcClasses([50, 25, 10, 10, 5])).toEqual(['A', 'A', 'A', 'B', 'C']);
    expect(abcClasses([])).toEqual([]);
  });
});
