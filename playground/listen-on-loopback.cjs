// Preloaded into the Agents Playground with NODE_OPTIONS=--require by scripts/run-local and the end-to-end tests. Agents Playground 0.2.28 calls
// server.listen(port) without a host, which binds every network interface. This preload adds the host
// 127.0.0.1 to such calls, so the Playground started by the tests is reachable from this machine only.
"use strict";

const net = require("node:net");

const loopbackHost = "127.0.0.1";
const originalListen = net.Server.prototype.listen;

function isPort(value) {
  return typeof value === "number" || (typeof value === "string" && /^\d+$/.test(value));
}

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;

  if (args.length === 0 || typeof first === "function") {
    args.unshift(0, loopbackHost);
  } else if (isPort(first) && typeof second !== "string") {
    args.splice(1, 0, loopbackHost);
  } else if (first !== null && typeof first === "object" && "port" in first && first.host === undefined) {
    args[0] = { ...first, host: loopbackHost };
  }

  return originalListen.apply(this, args);
};
