// HTML escaping for text placed in mail bodies (shared has no access to the page shell).

export function escapeHtmlText(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
