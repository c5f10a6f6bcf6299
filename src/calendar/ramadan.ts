/**
 * Ramadan start dates and Idul Fitri (Lebaran, 1 Syawal) per the Indonesian government's calendar
 * (SKB 3 Menteri; the isbat decision can shift a date by one day, so the seller can override these).
 */
export const RAMADAN: readonly { year: number; start: string; lebaran: string }[] = [
  { year: 2020, start: '2020-04-24', lebaran: '2020-05-24' },
  { year: 2021, start: '2021-04-13', lebaran: '2021-05-13' },
  { year: 2022, start: '2022-04-03', lebaran: '2022-05-02' },
  { year: 2023, start: '2023-03-23', lebaran: '2023-04-22' },
  { year: 2024, start: '2024-03-12', lebaran: '2024-04-10' },
  { year: 2025, start: '2025-03-01', lebaran: '2025-03-31' },
  { year: 2026, start: '2026-02-19', lebaran: '2026-03-21' },
  { year: 2027, start: '2027-02-08', lebaran: '2027-03-10' },
  { year: 2028, start: '2028-01-28', lebaran: '2028-02-27' },
];
