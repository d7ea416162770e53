/** Figures in words a department head reads at a glance (the page; the exports keep raw numbers). */

export function percent(share: number | null): string {
  if (share === null) return '–';
  return `${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)}%`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function waitTime(seconds: number | null): string {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
}

export function closeTime(hours: number | null): string {
  if (hours === null) return '–';
  if (hours < 48) return `${hours.toFixed(hours < 10 ? 1 : 0)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}
