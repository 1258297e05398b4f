/** Escapes text for XML/HTML. */
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A round avatar with the user's initial, as SVG: the `pictureUrl` of virtual users. The colour
 * comes from the MID so that each user keeps theirs.
 */
export function avatarSvg(displayName: string, mid: string): string {
  const hue = parseInt(mid.slice(1, 7), 16) % 360;
  const initial = escapeXml([...displayName.trim()][0]?.toUpperCase() ?? '?');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><circle cx="48" cy="48" r="48" fill="hsl(${hue},55%,55%)"/><text x="48" y="62" font-family="sans-serif" font-size="44" font-weight="bold" fill="#fff" text-anchor="middle">${initial}</text></svg>`;
}
