/** Links may only go to the web or an e-mail address (C6). */
export function isAllowedLink(raw: string): boolean {
  const url = raw.trim();
  if (!/^(https?:\/\/|mailto:)/i.test(url) || /[\s<>"'`\\]/.test(url)) return false;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "mailto:") return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(decodeURIComponent(parsed.pathname));
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}
