// Types of cloudflare-mids.mjs.
/** `u` + 32 hex digits of user `index`. */
export declare const midOf: (index: number) => string;
