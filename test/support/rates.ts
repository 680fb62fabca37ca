/** How rate-limit tests count calls. */

/** The most calls within any `windowMs` (sliding). */
export function busiest(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (sorted[i] - sorted[j] >= windowMs) j += 1;
    max = Math.max(max, i - j + 1);
  }
  return max;
}
