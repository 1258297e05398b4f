// An empty ES module: bench/cold-start.bench.mjs imports it to time what Node's ES module loader costs by itself.
