/**
 * A seeded, deterministic simulation of a mid-sized Indonesian Shopee kitchenware shop: orders with weekly
 * and yearly seasonality, double-date campaigns (1.1 to 12.12), payday peaks, Ramadan and the Lebaran
 * courier trough, repeat buyers, cancellations and returns, and the income released for completed orders.
 * Pure functions: writing files in Shopee's layouts is done by make-sample-data.ts and bench.ts.
 */
import { RAMADAN } from '../../src/calendar/ramadan';
import { mulberry32 } from '../../src/ml/random';

export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  poisson(lambda: number): number;
  normal(): number;
}

export function rng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted(items) {
      const total = items.reduce((a, [, w]) => a + w, 0);
      let r = next() * total;
      for (const [v, w] of items) {
        r -= w;
        if (r <= 0) return v;
      }
      return items[items.length - 1][0];
    },
    poisson(lambda) {
      if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
      const l = Math.exp(-lambda);
      let k = 0;
      let p = 1;
      do {
        k++;
        p *= next();
      } while (p > l);
      return k - 1;
    },
    normal() {
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}

export interface Variation {
  name: string;
  sku: string;
  price: number;
}
export interface Product {
  name: string;
  parentSku: string;
  originalPrice: number;
  weightG: number;
  popularity: number;
  variations: Variation[];
}

const PRODUCT_SEEDS: [string, string, number, number, number, string[]][] = [
  ['Asta Panci Set Anti Lengket 7 Pcs Marbello Kitchen Set Serbaguna', 'ASPS', 835_300, 4000, 5, ['Hitam', 'Krem']],
  ['Asta Gilingan Mie Pasta Maker Stainless Steel', 'ASPM', 272_720, 3100, 6, ['Merah', 'Hijau']],
  ['Royalton Panci Set Stainless Kukusan Tutup Kaca Susun Isi 10 pcs', 'ROCP', 299_000, 3000, 4, ['Merah', 'Silver']],
  ['Asta Teko Siul Stainless Whistling Kettle 3 Liter', 'ASTK', 129_000, 900, 7, ['Silver', 'Hitam']],
  ['Asta Wajan Anti Lengket Marble Coating 28 cm', 'ASWJ', 159_000, 1200, 6, ['24 cm', '28 cm', '30 cm']],
  [
    'Asta Oil Splatter Stainless Steel Pelindung Percikan Minyak',
    'ASOC',
    61_040,
    700,
    8,
    ['Silver,25 cm', 'Silver,29 cm'],
  ],
  ['Asta Gayung Stainless Steel Gagang Panjang Food Grade 55 cm', 'ASLL', 105_195, 800, 5, ['14 cm', '16 cm']],
  ['Food Warmer Penghangat Makanan Minuman Portable Stainless', 'ASFF', 195_012, 1000, 3, ['Persegi', 'Bulat']],
  ['Asta Wadah Stainless Food Container Plus Capit Makanan 3 in 1', 'ASWF', 89_000, 600, 6, ['500 ml', '1 L']],
  ['Asta Rice Cooker Mini 1 Liter Anti Lengket', 'ASRC', 249_000, 2200, 4, ['Putih', 'Pink']],
  ['Asta Pisau Dapur Set 6 Pcs Stainless Anti Karat', 'ASPD', 119_000, 700, 5, ['Hitam', 'Kayu']],
  ['Asta Talenan Kayu Jati Premium Anti Jamur', 'ASTL', 75_000, 900, 5, ['S', 'M', 'L']],
  ['Asta Spatula Silikon Set 5 Pcs Tahan Panas', 'ASSP', 55_000, 400, 7, ['Abu', 'Hijau Mint']],
  ['Asta Blender Kaca 2 Liter 350 Watt', 'ASBL', 389_000, 3500, 3, ['Hitam']],
  ['Asta Rak Piring Stainless 2 Susun', 'ASRP', 145_000, 2500, 4, ['2 Susun', '3 Susun']],
  ['Asta Termos Air Panas Stainless 1 Liter', 'ASTM', 98_000, 700, 5, ['Hitam', 'Putih', 'Navy']],
  ['Asta Kukusan Bambu Dimsum 2 Susun', 'ASKB', 69_000, 800, 3, ['18 cm', '22 cm']],
  ['Asta Loyang Kue Anti Lengket Bongkar Pasang', 'ASLK', 65_000, 600, 4, ['20 cm', '22 cm', '24 cm']],
  ['Hampers Set Hadiah Pernikahan Panci Set Asta + Kartu Ucapan', 'ASHP', 499_000, 3500, 2, ['Gold', 'Silver']],
  ['Asta Sendok Garpu Set 24 Pcs Stainless Mirror', 'ASSG', 115_000, 900, 5, ['Silver', 'Gold']],
];

/** Pairs of products (by a part of their names) that buyers often take together. */
const COMPLEMENTS: readonly (readonly [string, string])[] = [
  ['Panci Set Anti Lengket', 'Spatula'],
  ['Wajan', 'Oil Splatter'],
  ['Rice Cooker', 'Sendok Garpu'],
  ['Blender', 'Gilingan'],
];

export function catalog(): Product[] {
  const r = rng(7);
  return PRODUCT_SEEDS.map(([name, parent, price, weight, pop, vars]) => ({
    name,
    parentSku: r.next() < 0.85 ? parent : '',
    originalPrice: price,
    weightG: weight,
    popularity: pop,
    variations: vars.map((v, i) => ({
      name: v,
      sku: `${parent}-${String(i + 1).padStart(2, '0')}${v
        .replace(/[^A-Z0-9]/gi, '')
        .slice(0, 3)
        .toUpperCase()}`,
      price: Math.round((price * (1 + i * 0.06)) / 100) * 100,
    })),
  }));
}

const PROVINCES: readonly (readonly [[string, string[]], number])[] = [
  [['JAWA TIMUR', ['KOTA SURABAYA', 'KOTA MALANG', 'KAB. SIDOARJO', 'KAB. KEDIRI', 'KAB. JEMBER']], 22],
  [['JAWA BARAT', ['KOTA BANDUNG', 'KAB. BEKASI', 'KOTA BOGOR', 'KOTA DEPOK', 'KAB. KARAWANG']], 24],
  [['DKI JAKARTA', ['KOTA JAKARTA SELATAN', 'KOTA JAKARTA TIMUR', 'KOTA JAKARTA BARAT', 'KOTA JAKARTA UTARA']], 16],
  [['JAWA TENGAH', ['KOTA SEMARANG', 'KAB. BREBES', 'KOTA SURAKARTA (SOLO)', 'KAB. KUDUS']], 13],
  [['BANTEN', ['KOTA TANGERANG', 'KAB. TANGERANG', 'KOTA TANGERANG SELATAN']], 8],
  [['DI YOGYAKARTA', ['KOTA YOGYAKARTA', 'KAB. SLEMAN', 'KAB. BANTUL']], 3],
  [['SUMATERA UTARA', ['KOTA MEDAN', 'KAB. DELI SERDANG']], 4],
  [['BALI', ['KOTA DENPASAR', 'KAB. BADUNG']], 2],
  [['SULAWESI SELATAN', ['KOTA MAKASSAR', 'KAB. GOWA']], 2],
  [['KALIMANTAN TIMUR', ['KOTA SAMARINDA', 'KOTA BALIKPAPAN']], 2],
  [['NUSA TENGGARA BARAT (NTB)', ['KOTA MATARAM', 'KOTA BIMA']], 1],
  [['KEPULAUAN RIAU', ['KOTA BATAM', 'KAB. KEPULAUAN ANAMBAS']], 1],
  [['LAMPUNG', ['KOTA BANDAR LAMPUNG']], 2],
];

const PAYMENTS: readonly (readonly [string, number])[] = [
  ['COD (Bayar di Tempat)', 22],
  ['Online Payment', 14],
  ['Saldo ShopeePay', 18],
  ['SPayLater', 14],
  ['SeaBank Bayar Instan', 8],
  ['QRIS', 6],
  ['Alfamart/Alfamidi/Dan+Dan', 5],
  ['Indomaret/i.Saku', 5],
  ['Kartu Kredit/Debit', 4],
  ['Cicilan Kartu Kredit', 1],
];

const SHIPPING: readonly (readonly [string, number, number])[] = [
  ['Reguler (Cashless)-SPX Standard', 40, 9_000],
  ['Hemat Kargo-SPX Hemat', 20, 14_000],
  ['Reguler (Cashless)-JNE Reguler', 12, 11_000],
  ['Hemat Kargo-J&T Cargo', 10, 16_000],
  ['Instant - 4 Jam-SPX Instant - 4 Jam', 6, 25_000],
  ['Next Day-JNE YES', 4, 22_000],
  ['SPX Hemat', 8, 8_000],
];

const CANCEL_REASONS = [
  'Dibatalkan oleh Pembeli. Alasan: Lainnya/ berubah pikiran',
  'Dibatalkan oleh Pembeli. Alasan: Ingin mengubah alamat pengiriman',
  'Dibatalkan oleh Pembeli. Alasan: Ingin mengubah rincian pesanan',
  'Dibatalkan secara otomatis oleh sistem Shopee. Alasan: Pembayaran tidak dilakukan',
  'Dibatalkan oleh Penjual. Alasan: Stok habis',
];

export interface OrderLine {
  orderId: string;
  status: string;
  cancelReason: string;
  returnStatus: string;
  trackingNo: string;
  shippingOption: string;
  shipMethod: string;
  shipBy: number;
  shipArranged: number | null;
  created: number;
  paid: number | null;
  orderType: string;
  paymentMethod: string;
  parentSku: string;
  productName: string;
  skuRef: string;
  variation: string;
  originalPrice: number;
  dealPrice: number;
  qty: number;
  returnedQty: number;
  subtotal: number;
  sellerDiscount: number;
  weightG: number;
  itemsInOrder: number;
  orderWeightG: number;
  sellerVoucher: number;
  shopeeVoucher: number;
  bundle: boolean;
  bundleSeller: number;
  coins: number;
  buyerShipping: number;
  shippingRebate: number;
  totalPayment: number;
  estShipping: number;
  buyer: string;
  recipient: string;
  phone: string;
  city: string;
  province: string;
  completed: number | null;
  warehouse: string;
}

export interface SimOrder {
  id: string;
  created: number;
  statusClass: 'completed' | 'cancelled' | 'shipping' | 'to_ship' | 'unpaid';
  completed: number | null;
  lines: OrderLine[];
  buyer: string;
  paymentMethod: string;
  shippingOption: string;
  shippingCost: number;
  buyerShipping: number;
  sellerVoucher: number;
  subtotal: number;
}

const DAY = 86_400_000;
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** The demand multiplier of a calendar day: weekly and yearly seasonality, campaigns, payday, Ramadan. */
export function demandFactor(ms: number): number {
  const d = new Date(ms);
  const dom = d.getUTCDate();
  const month = d.getUTCMonth() + 1;
  const dow = d.getUTCDay();
  let f = [1.08, 0.95, 0.97, 0.98, 1.0, 1.04, 1.12][dow];
  f *= 1 + 0.12 * Math.cos(((month - 11.5) / 12) * 2 * Math.PI);
  if (dom === month) f *= month === 12 ? 4.2 : month >= 9 ? 3.6 : 2.8;
  else if (dom === month - 1 || (dom === month + 1 && month < 12)) f *= 1.35;
  if (dom >= 25) f *= 1.28;
  else if (dom <= 3) f *= 1.15;
  for (const r of RAMADAN) {
    const start = dayMs(r.start);
    const leb = dayMs(r.lebaran);
    if (ms >= start && ms < leb - 10 * DAY) f *= 1.25;
    else if (ms >= leb - 10 * DAY && ms < leb - 3 * DAY) f *= 1.4;
    else if (ms >= leb - 3 * DAY && ms <= leb + 4 * DAY) f *= 0.35;
    else if (ms > leb + 4 * DAY && ms <= leb + 9 * DAY) f *= 0.75;
  }
  return f;
}

const ID_CHARS = '0123456789ABCDEFGHJKMNPQRSTUVWXYZ';

export interface SimOptions {
  seed: number;
  from: string;
  to: string;
  /** Orders on an ordinary day at the start; grows with a gentle trend. */
  baseOrdersPerDay: number;
  /** Share of orders placed by a returning buyer. */
  repeatShare: number;
  /** Orders created after this moment are not yet completed (exports are snapshots). */
  snapshot: string;
}

/** Simulates the shop's orders day by day. */
export function simulateOrders(opt: SimOptions): SimOrder[] {
  const r = rng(opt.seed);
  const products = catalog();
  const popularity = products.map((p) => [p, p.popularity] as const);
  const complements = new Map<Product, Product>();
  for (const [a, b] of COMPLEMENTS) {
    const pa = products.find((p) => p.name.includes(a));
    const pb = products.find((p) => p.name.includes(b));
    if (pa && pb) {
      complements.set(pa, pb);
      complements.set(pb, pa);
    }
  }
  const names = ['sari', 'budi', 'dewi', 'agus', 'rina', 'eko', 'putri', 'andi', 'maya', 'yuni', 'rizky', 'fitri'];
  const pastBuyers: string[] = [];
  let buyerSeq = 0;
  /** Most orders come from new buyers; some return, loyal early buyers more often. */
  const nextBuyer = (): string => {
    if (r.next() < 0.004) return '';
    if (pastBuyers.length > 50 && r.next() < opt.repeatShare) {
      return r.next() < 0.35 ? pastBuyers[r.int(0, Math.min(400, pastBuyers.length - 1))] : r.pick(pastBuyers);
    }
    const name = `${r.pick(names)}${r.pick(['', '_', '.'])}${(buyerSeq++ * 7919) % 1_000_003}`;
    pastBuyers.push(name);
    return name;
  };
  const buyerHome = new Map<string, [string, string]>();
  const from = dayMs(opt.from);
  const to = dayMs(opt.to);
  const snapshot = Date.parse(`${opt.snapshot.replace(' ', 'T')}:00Z`);
  const orders: SimOrder[] = [];
  const days = Math.round((to - from) / DAY) + 1;
  for (let d = 0; d < days; d++) {
    const day = from + d * DAY;
    const trend = 1 + 0.35 * (d / days);
    const n = r.poisson(opt.baseOrdersPerDay * trend * demandFactor(day) * Math.exp(0.12 * r.normal()));
    const campaign = demandFactor(day) > 2;
    for (let k = 0; k < n; k++) {
      const hour = r.weighted([
        [r.int(0, 6), 1],
        [r.int(7, 11), 4],
        [r.int(12, 17), 5],
        [r.int(18, 23), 7],
      ]);
      const created = day + hour * 3_600_000 + r.int(0, 59) * 60_000;
      const buyer = nextBuyer();
      let home = buyerHome.get(buyer);
      if (!home) {
        const [prov, cities] = r.weighted(PROVINCES);
        home = [prov, r.pick(cities)];
        buyerHome.set(buyer, home);
      }
      const payment = r.weighted(PAYMENTS);
      const [shipOpt, , shipCost] = r.weighted(SHIPPING.map((s) => [s, s[1]] as const));
      const nLines = r.weighted([
        [1, 78],
        [2, 16],
        [3, 5],
        [4, 1],
      ]);
      const chosen = new Set<Product>();
      while (chosen.size < nLines) {
        // Products that go together are often bought together: the recommendations have something to find.
        const partner = chosen.size === 1 ? complements.get([...chosen][0]) : undefined;
        chosen.add(partner && r.next() < 0.5 ? partner : r.weighted(popularity));
      }
      const id = `${isoDay(created).slice(2).replace(/-/g, '')}${Array.from({ length: 8 }, () => r.pick([...ID_CHARS])).join('')}`;
      const unpaidWindow = created > snapshot - 1 * DAY;
      const cls: SimOrder['statusClass'] =
        created > snapshot
          ? 'unpaid'
          : r.next() < (payment.startsWith('COD') ? 0.16 : 0.08)
            ? 'cancelled'
            : unpaidWindow && r.next() < 0.25
              ? 'unpaid'
              : created > snapshot - 2 * DAY
                ? 'to_ship'
                : created > snapshot - 6 * DAY
                  ? 'shipping'
                  : 'completed';
      const paid = cls === 'unpaid' || (cls === 'cancelled' && r.next() < 0.5) ? null : created + r.int(0, 90) * 60_000;
      const arranged = cls === 'completed' || cls === 'shipping' ? created + r.int(3, 30) * 3_600_000 : null;
      const completed = cls === 'completed' ? created + r.int(2, 9) * DAY + r.int(0, 86_399) * 1000 : null;
      const voucher = r.next() < (campaign ? 0.6 : 0.25) ? r.pick([500, 1_000, 2_000, 4_000, 5_000, 10_000]) : 0;
      const bundle = nLines > 1 && r.next() < 0.3;
      const lines: OrderLine[] = [];
      let subtotal = 0;
      let weight = 0;
      for (const p of chosen) {
        const v = r.pick(p.variations);
        const qty = r.weighted([
          [1, 85],
          [2, 11],
          [3, 3],
          [5, 1],
        ]);
        const discount = campaign ? r.pick([0.25, 0.3, 0.35, 0.4]) : r.pick([0.1, 0.15, 0.2]);
        const deal = Math.round((v.price * (1 - discount)) / 100) * 100;
        const lineSub = deal * qty;
        subtotal += lineSub;
        weight += p.weightG * qty;
        const returned = cls === 'completed' && r.next() < 0.015 ? r.int(1, qty) : 0;
        lines.push({
          orderId: id,
          status: '',
          cancelReason: '',
          returnStatus: returned ? 'Permintaan Disetujui' : '',
          trackingNo: '',
          shippingOption: shipOpt,
          shipMethod: r.pick(['Pickup', 'Antar ke Counter']),
          shipBy: day + 2 * DAY + 86_340_000,
          shipArranged: arranged,
          created,
          paid,
          orderType: '',
          paymentMethod: payment,
          parentSku: p.parentSku,
          productName: p.name,
          skuRef: v.sku,
          variation: v.name,
          originalPrice: v.price,
          dealPrice: deal,
          qty,
          returnedQty: returned,
          subtotal: lineSub,
          sellerDiscount: (v.price - deal) * qty,
          weightG: p.weightG,
          itemsInOrder: 0,
          orderWeightG: 0,
          sellerVoucher: voucher,
          shopeeVoucher: campaign && r.next() < 0.3 ? 10_000 : 0,
          bundle,
          bundleSeller: 0,
          coins: r.next() < 0.1 ? r.int(1, 50) * 100 : 0,
          buyerShipping: 0,
          shippingRebate: 0,
          totalPayment: 0,
          estShipping: shipCost,
          buyer,
          recipient: `${r.pick(['A', 'B', 'D', 'R', 'S'])}******${r.pick(['a', 'i', 'o'])}`,
          phone: `******${r.int(10, 99)}`,
          city: home[1],
          province: home[0],
          completed,
          warehouse: r.pick(['warehouse1', 'Gudang D9', 'NORTHWEST SBY']),
        });
      }
      const bundleSeller = bundle ? Math.round(subtotal * 0.05) : 0;
      const buyerShipping = subtotal > 150_000 ? 0 : Math.round(shipCost * 0.5);
      const total = cls === 'cancelled' && paid === null ? 0 : subtotal - voucher - bundleSeller + buyerShipping;
      const statusText =
        cls === 'completed'
          ? 'Selesai'
          : cls === 'cancelled'
            ? 'Batal'
            : cls === 'shipping'
              ? r.pick(['Sedang Dikirim', 'Telah Dikirim'])
              : cls === 'to_ship'
                ? 'Perlu Dikirim'
                : 'Belum Bayar';
      const cancelReason = cls === 'cancelled' ? r.pick(CANCEL_REASONS) : '';
      const tracking = arranged ? `SPXID0${r.int(10_000_000, 99_999_999)}${r.int(1000, 9999)}` : '';
      for (const l of lines) {
        l.status = statusText;
        l.cancelReason = cancelReason;
        l.trackingNo = tracking;
        l.itemsInOrder = lines.reduce((a, x) => a + x.qty, 0);
        l.orderWeightG = weight;
        l.bundleSeller = bundleSeller;
        l.buyerShipping = buyerShipping;
        l.totalPayment = total;
        l.shippingRebate = buyerShipping ? 0 : shipCost;
      }
      orders.push({
        id,
        created,
        statusClass: cls,
        completed,
        lines,
        buyer,
        paymentMethod: payment,
        shippingOption: shipOpt,
        shippingCost: shipCost,
        buyerShipping,
        sellerVoucher: voucher,
        subtotal,
      });
    }
  }
  return orders;
}

/** Income released for a completed order, with Shopee's fee lines (fees negative, as exported). */
export interface IncomeRow {
  orderId: string;
  buyer: string;
  created: number;
  released: number;
  paymentMethod: string;
  productPrice: number;
  productDiscount: number;
  refund: number;
  sellerVoucher: number;
  buyerShipping: number;
  shopeeFreeShipping: number;
  shippingToCourier: number;
  feeAms: number;
  feeAdmin: number;
  feeService: number;
  feeProcessing: number;
  feeXtra: number;
  feeOther: number;
  feeTax: number;
  adsTopup: number;
  courierService: string;
  courier: string;
  voucherCode: string;
  lines: { productId: string; productName: string; price: number }[];
}

export function incomeFor(orders: readonly SimOrder[], seed: number, releasedBefore: number): IncomeRow[] {
  const r = rng(seed);
  const rows: IncomeRow[] = [];
  for (const o of orders) {
    if (o.statusClass !== 'completed' || o.completed === null) continue;
    const released = Date.parse(`${isoDay(o.completed + r.int(1, 3) * DAY)}T00:00:00Z`);
    if (released >= releasedBefore) continue;
    const original = o.lines.reduce((a, l) => a + l.originalPrice * l.qty, 0);
    const refund = -o.lines.reduce((a, l) => a + l.dealPrice * l.returnedQty, 0);
    const base = o.subtotal + refund;
    const [service, courier] = o.shippingOption.includes('-')
      ? o.shippingOption.split('-')
      : ['Reguler', o.shippingOption];
    rows.push({
      orderId: o.id,
      buyer: o.buyer,
      created: Date.parse(`${isoDay(o.created)}T00:00:00Z`),
      released,
      paymentMethod: o.paymentMethod,
      productPrice: original,
      productDiscount: o.subtotal - original,
      refund,
      sellerVoucher: -o.sellerVoucher,
      buyerShipping: o.buyerShipping,
      shopeeFreeShipping: o.shippingCost - o.buyerShipping,
      shippingToCourier: -o.shippingCost,
      feeAms: r.next() < 0.15 ? -Math.round(base * 0.03) : 0,
      feeAdmin: -Math.round(base * 0.0825),
      feeService: -Math.round(base * 0.045),
      feeProcessing: -1_250,
      feeXtra: -Math.min(10_000, Math.round(base * 0.04)),
      feeOther: r.next() < 0.2 ? -Math.round(base * 0.005) : 0,
      feeTax: -Math.round(base * 0.005),
      // Shopee added automatic ads top-ups from income in the 2026 layout.
      adsTopup: released >= Date.UTC(2026, 0, 1) && r.next() < 0.02 ? -r.pick([50_000, 100_000]) : 0,
      courierService: service.trim(),
      courier: courier.trim(),
      voucherCode: o.sellerVoucher ? `ASTA${o.sellerVoucher / 1000}K` : '',
      lines: o.lines.map((l, i) => ({
        productId: String(20_000_000_000 + (l.productName.length * 7919 + i) * 13),
        productName: l.productName,
        price: l.dealPrice * l.qty,
      })),
    });
  }
  return rows;
}

/** Net payout of an income row: the sum of its released-amount columns (2026 layout's definition). */
export function incomeNet(i: IncomeRow): number {
  return (
    i.productPrice +
    i.productDiscount +
    i.refund +
    i.sellerVoucher +
    i.buyerShipping +
    i.shopeeFreeShipping +
    i.shippingToCourier +
    i.feeAms +
    i.feeAdmin +
    i.feeService +
    i.feeProcessing +
    i.feeXtra +
    i.feeOther +
    i.feeTax +
    i.adsTopup
  );
}
