import { installCustomFunctionsHost } from "../support/customFunctionsHost";
import { enrollmentFiles, hasEnrollmentData, readSchools, readmeBandCounts, skipMessage } from "../support/enrollmentData";
import { itsDays } from "../../src/functions/functions";

beforeAll(() => installCustomFunctionsHost());

const describeData = hasEnrollmentData() ? describe : describe.skip;
if (!hasEnrollmentData()) console.warn(skipMessage());

describeData("ITSDAYS over every LAUSD school in the real data", () => {
  const expected = readmeBandCounts();

  it("finds the band counts of the data README for each file", () => {
    expect(enrollmentFiles()).toHaveLength(3);
    expect(expected.size).toBe(3);
  });

  it.each(enrollmentFiles())("%s gives the README's band counts", (file) => {
    const schools = readSchools(file);
    const days = itsDays(schools.map((s) => [s.enrollment]));
    const counts = [0, 0, 0, 0, 0];
    for (const [d] of days) counts[(d as number) - 1]++;
    const year = /(\d{4}-\d{2})/.exec(file)![1];
    expect(counts).toEqual(expected.get(year));
    expect(counts.reduce((a, b) => a + b)).toBe(schools.length);
  });
});
