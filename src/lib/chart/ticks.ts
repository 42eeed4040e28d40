/** How a time axis labels its ticks for a range of `spanMs`: clock time up to two days, day and month up to ~3 months, else month and year. */
export function timeTickFormat(spanMs: number): Intl.DateTimeFormatOptions {
  const days = spanMs / 86_400_000;
  return days <= 2
    ? { hour: '2-digit', minute: '2-digit' }
    : days <= 90
      ? { day: 'numeric', month: 'short' }
      : { month: 'short', year: '2-digit' };
}
