import { type IsoDay, isoDay } from '../kernel/days';

/**
 * Ramadan start dates and Idul Fitri (Lebaran, 1 Syawal) per the Indonesian government's calendar
 * (SKB 3 Menteri; the isbat decision can shift a date by one day, so the seller can override these).
 */
/** One year's Ramadan start and Lebaran (1 Syawal). */
export interface RamadanYear {
  year: number;
  start: IsoDay;
  lebaran: IsoDay;
}

const year = (y: number, start: string, lebaran: string): RamadanYear => ({
  year: y,
  start: isoDay(start),
  lebaran: isoDay(lebaran),
});

export const RAMADAN: readonly RamadanYear[] = [
  year(2020, '2020-04-24', '2020-05-24'),
  year(2021, '2021-04-13', '2021-05-13'),
  year(2022, '2022-04-03', '2022-05-02'),
  year(2023, '2023-03-23', '2023-04-22'),
  year(2024, '2024-03-12', '2024-04-10'),
  year(2025, '2025-03-01', '2025-03-31'),
  year(2026, '2026-02-19', '2026-03-21'),
  year(2027, '2027-02-08', '2027-03-10'),
  year(2028, '2028-01-28', '2028-02-27'),
];
