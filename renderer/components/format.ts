const formatters = new Map<string, Intl.DateTimeFormat>();

/** HH:MM:SS in the checkpoint's time zone (the guard's wall clock, whatever the browser's zone). */
export function formatTime(ms: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('vi-VN', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f.format(ms);
}
