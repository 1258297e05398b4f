// Bun preload of the examples test (`bun --preload test/runtimes/bun-listen-loopback.mjs examples/hono/app.ts`).
// `bun app.ts` serves a default export that has `fetch` by calling Bun.serve with it, and Bun has no
// flag or environment variable for the address (only `--port`): it listens on all interfaces. The
// test server must listen on 127.0.0.1 only, so this wraps Bun.serve to answer `hostname` with
// 127.0.0.1; every other option is read from the example's own export, unchanged.
const serve = Bun.serve;
Bun.serve = (options, ...rest) =>
  serve.call(Bun, new Proxy(options, { get: (target, key) => (key === 'hostname' ? '127.0.0.1' : Reflect.get(target, key)) }), ...rest);
