/** A data age for people: "just now", "45 s", "3 min", "2 h 5 min", "3 days". */
export function formatAge(seconds: number | null): string {
  if (seconds === null) return 'never read';
  if (seconds < 5) return 'just now';
  if (seconds < 90) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min ago`;
  return `${Math.floor(hours / 24)} days ago`;
}
