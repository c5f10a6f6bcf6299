import type { Locale } from '../locale';

/** Predictions and ML Insights: forecasts, models, segments, findings. Indonesian first. */
export const MODELS = {
  fcHorizon: { id: 'Rentang prakiraan', en: 'Forecast horizon' },
  fcDays: { id: 'hari', en: 'days' },
  fcSales: { id: 'Prakiraan penjualan', en: 'Forecast sales' },
  fcSalesFormula: {
    id: 'Σ prakiraan harian pesanan valid; rentang 80% = Σ batas harian (konservatif)',
    en: 'Σ daily forecast of valid orders; 80% range = Σ of the daily bounds (conservative)',
  },
  fcLo80: { id: 'Batas bawah 80%', en: '80% lower bound' },
  fcHi80: { id: 'Batas atas 80%', en: '80% upper bound' },
  fcChart: { id: 'Penjualan harian dan prakiraan', en: 'Daily sales and forecast' },
  fcActual: { id: 'Aktual', en: 'Actual' },
  fcForecast: { id: 'Prakiraan', en: 'Forecast' },
  fcBand80: { id: 'Rentang 80%', en: '80% range' },
  fcBand95: { id: 'Rentang 95%', en: '95% range' },
  fcEvents: { id: 'Hari kalender toko', en: 'Shop-calendar days' },
  fcShowComponents: { id: 'Tampilkan komponen model', en: 'Show the model components' },
  fcComponents: { id: 'Komponen model (skala model)', en: 'Model components (model scale)' },
  fcTrend: { id: 'Tren', en: 'Trend' },
  fcWeekly: { id: 'Mingguan', en: 'Weekly' },
  fcYearly: { id: 'Tahunan', en: 'Yearly' },
  fcCalendar: { id: 'Kalender', en: 'Calendar' },
  fcMethod_model: { id: 'Model aditif dengan kalender toko', en: 'Additive model with the shop calendar' },
  fcMethod_seasonal_naive: {
    id: 'Data < 3 minggu: minggu lalu diulang',
    en: 'Under 3 weeks of data: last week repeated',
  },
  fcMethod_intermittent: { id: 'Permintaan jarang: laju rata-rata', en: 'Intermittent demand: average rate' },
  fcMethod_zero: { id: 'Tidak ada penjualan', en: 'No sales' },
  fcMethod_model_after_shift: {
    id: 'Model aditif sejak pergeseran level terakhir (dipilih oleh uji mundur)',
    en: 'Additive model since the last level shift (chosen by the backtest)',
  },
  fcMethod_ets: {
    id: 'ETS setelah pergeseran level (dipilih oleh uji mundur)',
    en: 'ETS after a level shift (chosen by the backtest)',
  },
  fcRefusedSpacing: {
    id: 'Pengunjung tercatat kira-kira tiap {days} hari, bukan harian: prakiraan butuh satu angka per hari. Impor Statistik Toko per hari.',
    en: 'Visitors are recorded about every {days} days, not daily: the forecast needs one figure per day. Import the shop stats by day.',
  },
  fcLevelShift: {
    id: 'Level penjualan bergeser sejak {date}: metode dipilih oleh uji mundur setelah tanggal itu.',
    en: 'The level shifted on {date}: the method was chosen by backtests after that day.',
  },
  fcMethod_constant: { id: 'Nilai tetap', en: 'Constant' },
  fcLogNote: { id: 'Musiman multiplikatif (skala log).', en: 'Multiplicative seasonality (log scale).' },
  fcUncalibrated: {
    id: 'Rentang belum dikalibrasi: data terlalu pendek untuk uji mundur.',
    en: 'Ranges not calibrated: too little data to backtest.',
  },
  fcCalibrated: {
    id: 'Rentang dikalibrasi dari kesalahan uji mundur data Anda sendiri.',
    en: 'Ranges calibrated on backtest errors of your own data.',
  },
  perfTitle: { id: 'Kinerja model (uji mundur)', en: 'Model performance (backtest)' },
  perfVerdict: {
    id: 'Prakiraan kami meleset rata-rata {mape} selama {weeks} minggu terakhir, {better} lebih baik daripada mengulang angka minggu lalu.',
    en: "Our forecast was off by {mape} on average over the last {weeks} weeks, {better} better than repeating last week's numbers.",
  },
  perfVerdictWorse: {
    id: 'Prakiraan kami meleset rata-rata {mape} selama {weeks} minggu terakhir, {better} lebih buruk daripada mengulang angka minggu lalu.',
    en: "Our forecast was off by {mape} on average over the last {weeks} weeks, {better} worse than repeating last week's numbers.",
  },
  perfModel: { id: 'Metode', en: 'Model' },
  perfOurs: { id: 'Model kami', en: 'Our model' },
  perfNaive: { id: 'Minggu lalu diulang', en: 'Last week repeated' },
  perfEts: { id: 'ETS (tren teredam)', en: 'ETS (damped trend)' },
  perfNote: {
    id: 'Prakiraan 28 hari dari tiap awal minggu; MAPE = rata-rata |galat| ÷ aktual; MASE = MAE ÷ MAE naif musiman dalam sampel (m = 7).',
    en: "28-day forecasts from each week's start; MAPE = mean |error| ÷ actual; MASE = MAE ÷ in-sample seasonal-naive MAE (m = 7).",
  },
  backtestMape: { id: 'MAPE uji mundur', en: 'Backtest MAPE' },
  backtestMase: { id: 'MASE uji mundur', en: 'Backtest MASE' },
  anomaliesTitle: { id: 'Anomali penjualan', en: 'Sales anomalies' },
  anomaliesCount: { id: 'Anomali', en: 'Anomalies' },
  anomaliesFormula: {
    id: 'Hari di luar rentang 99% model (kalender diperhitungkan)',
    en: "Days outside the model's 99% band (calendar accounted for)",
  },
  jointTitle: {
    id: 'Hari tidak biasa (gabungan metrik, isolation forest)',
    en: 'Unusual days (metrics together, isolation forest)',
  },
  churnTitle: { id: 'Pembeli berisiko berhenti', en: 'Buyers at risk of churning' },
  rfmSchemeQuintiles: {
    id: 'Skor R, F dan M 1–5 menurut kuintil pembeli.',
    en: 'R, F and M scores 1–5 by buyer quintile.',
  },
  rfmSchemeFixed: {
    id: 'Riwayat data kurang dari 180 hari, jadi R dan F memakai ambang tetap, bukan kuintil: R 5 sampai 1 untuk pesanan terakhir ≤ 14, 30, 60, 90 hari atau lebih lama; F = jumlah pesanan (5 ke atas: 5). M tetap kuintil.',
    en: 'The history is under 180 days, so R and F use fixed thresholds, not quintiles: R 5 to 1 for a last order ≤ 14, 30, 60, 90 days ago or longer; F = the orders (5 and more: 5). M stays a quintile.',
  },
  rfmEvidence: {
    id: 'Nama segmen butuh buktinya: Juara minimal 3 pesanan; Setia, Berisiko, Jangan sampai hilang dan Perlu perhatian minimal 2. Satu pesanan selalu F = 1.',
    en: 'A segment name needs its evidence: Champions at least 3 orders; Loyal, At risk, Can’t lose and Need attention at least 2. One order is always F = 1.',
  },
  insNextShared: {
    id: '(sama dengan segmen yang lebih besar: pembelian segmen ini belum cukup untuk saran sendiri)',
    en: '(the same as a larger segment: this segment’s purchases are not enough for a suggestion of its own)',
  },
  insMmmNotEnough: { id: 'data belum cukup', en: 'not enough data' },
  insMmmNotEnoughNote: {
    id: 'Kanal dengan kurang dari 14 nilai biaya harian yang berbeda (mis. komisi affiliate yang hanya ada per bulan) atau kurang dari 2% total biaya tidak diperkirakan: ROAS-nya tidak ditampilkan, dan biayanya dibiarkan seperti sekarang dalam saran alokasi.',
    en: 'Channels with fewer than 14 distinct daily amounts of spend (such as affiliate commission known only per month), or under 2% of all spend, are not estimated: no ROAS is shown, and the suggested allocation keeps their spend as it is.',
  },
  colMinOrders: { id: 'Pesanan minimal', en: 'Minimum orders' },
  churnModel: {
    id: 'Regresi logistik (RFM dan masa langganan), diuji pada periode berikutnya: AUC {auc}, Brier {brier}, tingkat dasar {base}.',
    en: 'Logistic regression (RFM and tenure), tested on a later period: AUC {auc}, Brier {brier}, base rate {base}.',
  },
  churnTooShort: {
    id: 'Riwayat pesanan kurang dari 270 hari: churn belum bisa diuji.',
    en: 'Under 270 days of orders: churn cannot be tested yet.',
  },
  demandTitle: { id: 'Permintaan per SKU dan stok yang disarankan', en: 'Demand per SKU and suggested stock' },
  leadTime: { id: 'Waktu tunggu stok (hari)', en: 'Lead time (days)' },
  serviceLevel: { id: 'Tingkat layanan', en: 'Service level' },
  demandRun: { id: 'Hitung permintaan', en: 'Forecast demand' },
  demandProgress: { id: 'Menghitung…', en: 'Fitting…' },
  demandNote: {
    id: 'Stok = Σ prakiraan selama waktu tunggu + z(tingkat layanan) × √Σ σ² harian (σ dari rentang 95% terkalibrasi).',
    en: 'Stock = Σ forecast over the lead time + z(service level) × √Σ daily σ² (σ from the calibrated 95% range).',
  },
  insFindings: { id: 'Temuan utama (30 hari terakhir data)', en: 'Top findings (the last 30 days of data)' },
  insNoFindings: { id: 'Tidak ada temuan yang menonjol.', en: 'Nothing stands out.' },
  insEvidence: { id: 'Lihat buktinya', en: 'See the evidence' },
  find_sales_anomaly: {
    id: 'Penjualan {date} {pct} {dir} perkiraan model ({actual} vs {expected}).',
    en: 'Sales on {date} were {pct} {dir} the forecast ({actual} vs {expected}).',
  },
  find_forecast_change: {
    id: 'Penjualan {days} hari ke depan diperkirakan {pct} {dir} {days} hari terakhir.',
    en: 'Sales for the next {days} days are forecast {pct} {dir} the last {days} days.',
  },
  find_return_rate: {
    id: 'SKU {sku} punya tingkat retur {rate}, {times}× rata-rata toko.',
    en: "SKU {sku} has a {rate} return rate, {times}× the shop's average.",
  },
  find_chat_response: {
    id: 'Tingkat respons chat di bawah 70% pada {below} dari {days} hari.',
    en: 'Chat response rate fell below 70% on {below} of {days} days.',
  },
  find_ad_unprofitable: {
    id: 'Iklan "{ad}" menghabiskan {spend} dengan ROAS {roas}.',
    en: 'The ad "{ad}" spent {spend} with a ROAS of {roas}.',
  },
  find_lapsing_buyers: {
    id: '{buyers} pembeli "{segment}" belum memesan sekitar {days} hari (median).',
    en: '{buyers} "{segment}" buyers have not ordered for about {days} days (median).',
  },
  insPrice: { id: 'Elastisitas harga dan harga yang disarankan', en: 'Price elasticity and recommended price' },
  insPriceRun: { id: 'Hitung elastisitas', en: 'Estimate elasticities' },
  insPriceNote: {
    id: 'log(unit) terhadap log(harga) per hari terjual, dikontrol untuk tanggal kembar, gajian, voucher, flash sale, hari dan tren; IK 95%. Harga disarankan dalam ±15% hanya jika elastisitas pasti di bawah −1 dan harga pokok diketahui.',
    en: 'log(units) on log(price) over the days sold, controlling for double dates, payday, vouchers, flash sales, weekday and trend; 95% CI. A price is suggested within ±15% only when the elasticity is surely below −1 and the unit cost is known.',
  },
  why_thin_data: { id: 'Data terlalu sedikit (< 30 hari terjual)', en: 'Too little data (< 30 days sold)' },
  why_no_price_variation: { id: 'Harga hampir tidak pernah berubah', en: 'The price hardly ever changed' },
  why_not_elastic: {
    id: 'Tidak pasti di bawah −1: menurunkan harga tidak terbukti menaikkan laba',
    en: 'Not surely below −1: a lower price is not shown to raise profit',
  },
  why_no_unit_cost: {
    id: 'Isi harga pokok SKU ini di halaman Produk',
    en: "Enter this SKU's unit cost on the Products page",
  },
  why_no_fee_share: {
    id: 'Belum ada ekspor Penghasilan untuk biaya Shopee',
    en: "No income export yet for Shopee's fees",
  },
  priceRec: { id: '{price}: unit {units}, laba kotor {profit}', en: '{price}: units {units}, gross profit {profit}' },
  insMmm: { id: 'Bauran pemasaran dan anggaran', en: 'Marketing mix and budget' },
  insMmmExpected: { id: 'Penjualan harian dengan anggaran disarankan', en: 'Daily sales at the suggested budget' },
  insMmmExpectedNow: { id: 'Penjualan harian dengan anggaran sekarang', en: 'Daily sales at the current budget' },
  insMmmExpectedFormula: {
    id: 'Dasar + Σ respons saluran (adstock, saturasi Hill)',
    en: 'Base + Σ channel response (adstock, Hill saturation)',
  },
  insMmmBudget: { id: 'Anggaran harian', en: 'Daily budget' },
  insMmmApply: { id: 'Alokasikan', en: 'Allocate' },
  insMmmNote: {
    id: 'Penjualan harian diregresikan pada belanja tiap saluran (adstock geometris, saturasi Hill, parameter dari pencarian grid) plus tren, pola mingguan dan kalender toko; R² saluran di luar tren dan kalender {r2}. Alokasi dengan LP pada kurva respons cekung; {greedy}',
    en: "Daily sales regressed on each channel's spend (geometric adstock, Hill saturation, parameters by grid search) plus trend, weekly pattern and shop calendar; R² of the channels beyond trend and calendar {r2}. Allocation by LP on the concave response curves; {greedy}",
  },
  insMmmUnreliable: {
    id: 'Data ini belum menunjukkan pengaruh belanja pemasaran yang dapat diandalkan: pada 20% hari terakhir, model dengan belanja tidak lebih akurat (galat {media}) daripada tanpa belanja ({base}). Jangan ubah anggaran berdasarkan kurva ini.',
    en: 'These data show no reliable effect of marketing spend yet: on the last 20% of days the model with spend is no more accurate (error {media}) than without it ({base}). Do not move budget on these curves.',
  },
  insMmmReliable: {
    id: 'Pada 20% hari terakhir, model dengan belanja lebih akurat (galat {media}) daripada tanpa belanja ({base}).',
    en: 'On the last 20% of days the model with spend is more accurate (error {media}) than without it ({base}).',
  },
  insMmmGreedyOk: { id: 'alokasi greedy memberi hasil yang sama.', en: 'the greedy allocation reaches the same.' },
  insMmmGreedyDiff: {
    id: 'alokasi greedy berbeda: periksa kurvanya.',
    en: 'the greedy allocation differs: check the curves.',
  },
  insNextProduct: { id: 'Tawarkan berikutnya: {name} ({buyers} pembeli)', en: 'Offer next: {name} ({buyers} buyers)' },
  insBandit: {
    id: 'Kampanye yang layak dicoba berikutnya (Thompson sampling)',
    en: 'Which campaign to try next (Thompson sampling)',
  },
  insBanditNote: {
    id: 'Hari sebuah jenis kampanye berjalan dihitung berhasil bila penjualan di atas median 28 hari sebelumnya. Peluang terbaik = bagian undian posterior Beta yang dimenangkan.',
    en: 'A day a campaign type ran counts as a success when sales beat the median of the 28 days before. Chance of best = the share of Beta-posterior draws it wins.',
  },
  insSegments: { id: 'Segmen', en: 'Segments' },
  insSegmentsFormula: { id: 'Segmen RFM yang berisi pembeli', en: 'RFM segments holding buyers' },
  insChampionsFormula: { id: 'R 4–5, F 4–5, M 4–5, minimal 3 pesanan', en: 'R 4–5, F 4–5, M 4–5, at least 3 orders' },
  insAtRiskFormula: { id: 'R 1–2, F 2–5, M 2–5, minimal 2 pesanan', en: 'R 1–2, F 2–5, M 2–5, at least 2 orders' },
  insRepeat90: { id: 'Pembelian ulang 90 hari', en: '90-day repeat rate' },
  insRepeat90Formula: {
    id: 'Pembeli dengan pesanan kedua ≤ 90 hari setelah yang pertama ÷ pembeli yang pesanan pertamanya ≥ 90 hari lalu',
    en: 'Buyers with a second order ≤ 90 days after their first ÷ buyers whose first order is ≥ 90 days old',
  },
  insTopLift: { id: 'Lift paket teratas', en: 'Top bundle lift' },
  insTopLiftFormula: {
    id: 'P(a dan b) ÷ (P(a) × P(b)), minimal 3 pesanan bersama',
    en: 'P(a and b) ÷ (P(a) × P(b)), at least 3 orders together',
  },
  insRfmTitle: { id: 'Segmen RFM', en: 'RFM segments' },
  insRules: {
    id: 'Tabel aturan segmen (skor kuintil 1–5; aturan pertama yang cocok)',
    en: 'Segment rule table (quintile scores 1–5; the first matching rule)',
  },
  insKmeans: { id: 'Klaster k-means', en: 'k-means clusters' },
  insKmeansRun: { id: 'Hitung klaster', en: 'Find clusters' },
  insKmeansNote: {
    id: 'k-means pada log(recency, frekuensi, nilai, masa langganan) yang distandarkan; k dipilih dengan silhouette rata-rata (k = {k}, silhouette {s}).',
    en: 'k-means on standardised log(recency, frequency, value, tenure); k chosen by mean silhouette (k = {k}, silhouette {s}).',
  },
  insDendrogram: {
    id: 'Kemiripan antarklaster (dendrogram, average linkage)',
    en: 'How the clusters relate (dendrogram, average linkage)',
  },
  insOutliersTitle: { id: 'Pembeli pencilan', en: 'Outlier buyers' },
  insOutliers: {
    id: '{count} pembeli pencilan (DBSCAN, eps {eps}): tidak mirip pembeli lain. Yang paling bernilai:',
    en: '{count} outlier buyers (DBSCAN, eps {eps}): unlike any other buyers. The most valuable:',
  },
  insCohorts: {
    id: 'Kohort: pembeli aktif per bulan sejak pesanan pertama',
    en: 'Cohorts: active buyers by month since the first order',
  },
  insBundles: { id: 'Sering dibeli bersama (ide paket)', en: 'Frequently bought together (bundle ideas)' },
  insNoBundles: {
    id: 'Belum ada pasangan produk yang dibeli bersama lebih sering dari kebetulan (lift > 1, minimal 3 pesanan bersama).',
    en: 'No product pair is bought together more often than chance yet (lift > 1, at least 3 orders together).',
  },
  cohortCell: {
    id: 'Kohort {cohort}, bulan ke-{m}: {n} dari {size} pembeli berbelanja ({rate}), penjualan {sales}',
    en: 'Cohort {cohort}, month {m}: {n} of {size} buyers ordered ({rate}), sales {sales}',
  },
  insBuyAgain: { id: 'Beli lagi: {name} ({buyers} pembeli)', en: 'Buy again: {name} ({buyers} buyers)' },
  colBuyAgain: { id: 'Beli lagi', en: 'Buy again' },
  colNewForBuyer: { id: 'Baru untuknya', en: 'New for them' },
  colDue: { id: 'Jatuh tempo', en: 'Due' },
  buyAgainExport: { id: 'Daftar broadcast (CSV)', en: 'Broadcast list (CSV)' },
  buyAgainMeaning: {
    id: 'Beli lagi = produk yang pernah dibeli pembeli itu, urut jumlah pesanan, lalu yang paling jatuh tempo (hari sejak terakhir ÷ jarak belinya yang biasa), lalu yang terbaru. Baru = produk berikutnya dari model rekomendasi.',
    en: 'Buy again = products the buyer bought before, by number of orders, then the most due (days since the last ÷ their usual gap between purchases), then the most recent. New = the next products from the recommender.',
  },
  recModel: {
    id: 'Model rekomendasi: {method} pada {items} produk dan {buyers} pembeli.',
    en: 'Recommender: {method} on {items} products and {buyers} buyers.',
  },
  recModelTest: {
    id: 'Diuji pada pesanan terakhir {held} pembeli: {hit} mendapat produk barunya di 10 teratas, produk terlaris {pop}.',
    en: 'Tested on the last order of {held} buyers: {hit} got a new product of theirs in the top 10, against {pop} for the best sellers.',
  },
  recModelEase: { id: 'EASE (λ {lambda}, dipilih pada uji)', en: 'EASE (λ {lambda}, chosen on the test)' },
  recModelKnn: { id: 'item-kNN (kosinus)', en: 'item-kNN (cosine)' },
  recModelPopular: {
    id: 'produk terlaris yang belum dibeli (mengalahkan EASE pada uji)',
    en: 'the best sellers not yet bought (they beat EASE on the test)',
  },
  recModelBlend: {
    id: 'ditambah bobot produk terlaris {weight} (dipilih pada uji)',
    en: 'plus a best-seller weight of {weight} (chosen on the test)',
  },
  insBundlesOrder: {
    id: 'Urut bobot model rekomendasi antar kedua produk, lalu lift.',
    en: "Ordered by the recommender's weight between the two products, then by lift.",
  },
  demandCancel: { id: 'Batalkan', en: 'Cancel' },
  demandCancelled: { id: 'Perkiraan permintaan dibatalkan.', en: 'The demand forecast was cancelled.' },
} satisfies Record<string, Record<Locale, string>>;
