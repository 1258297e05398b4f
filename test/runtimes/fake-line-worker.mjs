// The fake LINE REST API of the workerd default-fetch test: a second worker in the same workerd
// config, the globalOutbound of the worker under test. It records every request it gets (method,
// URL, headers, body text) and answers `POST /v1/events` like LINE accepting a send (spec §3);
// `GET /__recorded` (through a service binding, not the outbound) returns the recorded list.
import { acceptedBody } from './default-fetch.mjs';

const recorded = [];

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/__recorded') return Response.json(recorded);
    recorded.push({ method: request.method, url: request.url, headers: [...request.headers], body: await request.text() });
    if (request.method === 'POST' && url.pathname === '/v1/events') {
      return new Response(acceptedBody, { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' } });
    }
    return new Response('{"statusCode":"404","statusMessage":"not found"}', { status: 404, headers: { 'content-type': 'application/json' } });
  },
};
