// The MIDs of the Cloudflare tests' virtual users: `u` + 32 hex digits of the user's index.
export const midOf = (index) => `u${index.toString(16).padStart(32, '0')}`;
