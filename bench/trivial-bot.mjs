// A trivial bot for the emulator load benchmark, in its own process: reads each delivery's body and
// answers 200 `{"ok":true}`, counting events. Prints `LISTENING <port>`; on SIGTERM prints `EVENTS <n>`.
import { createServer } from 'node:http';

let events = 0;
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    // Counting `"eventType"` is enough: the batch is trusted here, only its size matters.
    const body = Buffer.concat(chunks).toString('latin1');
    for (let at = body.indexOf('"eventType"'); at !== -1; at = body.indexOf('"eventType"', at + 1)) events++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`LISTENING ${server.address().port}`));
process.on('SIGTERM', () => {
  console.log(`EVENTS ${events}`);
  server.close();
  process.exit(0);
});
