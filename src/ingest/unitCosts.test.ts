import { describe, expect, it } from 'vitest';
import { textBytes, xlsxBytes } from '../../test/fixtures';
import { parseUnitCostFile } from './unitCosts';
import { currency } from '../kernel/currency';

describe('unit cost sheets', () => {
  it('reads SKU and cost, with or without a header row, in Indonesian number formats', () => {
    expect(
      parseUnitCostFile('biaya.csv', textBytes('SKU,Harga Pokok\nASPS-01,"320.000"\nASTK-02,Rp45.500\n\n')),
    ).toEqual([
      { sku: 'ASPS-01', unitCost: 320000 },
      { sku: 'ASTK-02', unitCost: 45500 },
    ]);
    expect(parseUnitCostFile('biaya.xlsx', xlsxBytes([{ name: 'S', rows: [['ASPS-01', 320000]] }]))).toEqual([
      { sku: 'ASPS-01', unitCost: 320000 },
    ]);
    // A ringgit shop writes costs with sen; they are stored in minor units like every amount.
    expect(
      parseUnitCostFile('cost.csv', textBytes('SKU,Cost\nMY-01,12.50\nMY-02,"1,020.05"\n'), currency('MYR')),
    ).toEqual([
      { sku: 'MY-01', unitCost: 1250 },
      { sku: 'MY-02', unitCost: 102005 },
    ]);
  });

  it('fails the whole sheet on a bad cost, naming the row', () => {
    expect(() => parseUnitCostFile('biaya.csv', textBytes('SKU,Cost\nA,10.000\nB,sepuluh ribu\n'))).toThrowError(
      /bad_value.*"row":3/,
    );
  });
});
