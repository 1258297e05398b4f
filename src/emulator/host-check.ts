/**
 * Whether the fake LINE answers a request for `hostname` (the request URL's host, from its `Host`
 * header). `allowed` undefined or holding `*`: every host (a fetch handler called from a test). Otherwise
 * only the names listed (case-insensitive, IPv6 with or without brackets), so that a web page whose own
 * host name was rebound to 127.0.0.1 (DNS rebinding) cannot read conversations or re-point the webhook.
 */
export function hostAllowed(hostname: string, allowed: readonly string[] | undefined): boolean {
  if (allowed === undefined || allowed.includes('*')) return true;
  const name = bare(hostname);
  return allowed.some((host) => bare(host) === name);
}

function bare(host: string): string {
  return host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}
