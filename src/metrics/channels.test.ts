import { describe, expect, it } from 'vitest';
import { channelName } from './channels';

describe('channel and campaign-type names', () => {
  it('names every id the models use in both languages, keeping the file’s own words after the colon', () => {
    expect(channelName('flash_sale', 'id')).toBe('Flash Sale Toko');
    expect(channelName('flash_sale', 'en')).toBe('Shop flash sale');
    expect(channelName('discount: Kombo Hemat', 'id')).toBe('Diskon: Kombo Hemat');
    expect(channelName('discount: Kombo Hemat', 'en')).toBe('Discount: Kombo Hemat');
    expect(channelName('ads: GMV Max', 'en')).toBe('Ads: GMV Max');
    expect(channelName('affiliate', 'id')).toBe('Afiliasi (AMS)');
    for (const id of ['voucher', 'live', 'affiliate', 'flash_sale'])
      for (const l of ['id', 'en'] as const) expect(channelName(id, l)).not.toMatch(/_/);
  });
});
