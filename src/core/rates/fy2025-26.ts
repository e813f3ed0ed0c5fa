import type { RateTable } from "./types";

/**
 * FY 2025-26 rates, copied digit for digit from the ITS memo of December 5, 2024
 * (shared/seed/000_5a7a40e9cfe8c68b.txt). Prices are the memo's numbers, never computed.
 *
 * Bands: the memo says "less than 200" for 1 day and "between 201-400" for 2 days, leaving 200 itself
 * unassigned. Our reading: every band includes its upper end, so 200 students is 1 day.
 */
export const FY2025_26: RateTable = {
  fiscalYear: "2025-26",
  source: {
    title: "New IT Support Technician Budget Model – Important Changes Starting July 1, 2025",
    issuer: "Los Angeles Unified School District, Information Technology Services",
    date: "2024-12-05",
    from: "Soheil Katal, Chief Information Officer",
  },
  bands: [
    { maxEnrollment: 200, days: 1 },
    { maxEnrollment: 400, days: 2 },
    { maxEnrollment: 600, days: 3 },
    { maxEnrollment: 800, days: 4 },
    { maxEnrollment: null, days: 5 },
  ],
  options: [
    {
      number: 1,
      name: "Full Year",
      memoName: "Full Year - A Basis",
      period: "July 1 through June 30",
      shortPeriod: "Jul 1 - Jun 30",
      aliases: ["A Basis", "Full Year - A Basis"],
      prices: [26151, 52301, 78452, 104602, 130753],
    },
    {
      number: 2,
      name: "Outside Summer",
      memoName: "Outside of Summer",
      period: "July 17 through June 30",
      shortPeriod: "Jul 17 - Jun 30",
      aliases: ["Outside of Summer"],
      prices: [25004, 50008, 75013, 100017, 125021],
    },
    {
      number: 3,
      name: "Summer Only",
      memoName: "Summer Only",
      period: "July 1 through July 16",
      shortPeriod: "Jul 1 - Jul 16",
      aliases: [],
      prices: [1125, 2251, 3376, 4502, 5627],
    },
  ],
  maxDays: 5,
};
