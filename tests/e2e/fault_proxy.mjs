// A small HTTP proxy in front of the sync server for the team-sync tests:
// it forwards every request, records it (method, path, authorization, and
// the bytes of the request's body and of the answer's body) so a test can count pushes
// and bytes sent, and can fail on purpose.
//
//   const proxy = await startFaultProxy(5986, "http://127.0.0.1:5985");
//   proxy.mode = "down";   // connections are reset at once
//   proxy.mode = "reset";  // the answer's head is sent, then the connection is cut mid-body
//   proxy.mode = "503";    // 503 Service Unavailable
//   proxy.mode = "delay";  // forwarded after proxy.delayMs
//   proxy.mode = "silent"; // the request is accepted and never answered
//   proxy.mode = "pass";   // (default) forwarded
//   proxy.down.add("erik"); // one colleague's requests (Basic user) reset, the others' as the mode says
//   proxy.bearer = { token: "t1", basic: "Basic …" }; // a JWT server: a request with
//     // `Authorization: Bearer t1` is forwarded as that Basic user (what CouchDB's
//     // jwt_authentication_handler does with the token's subject); any other
//     // Bearer token, or none (CORS preflights aside), is a 401; Basic passes as before
//   proxy.count("_bulk_docs"); // POSTs; proxy.requests; await proxy.close();
//   const mark = proxy.requests.length; …; proxy.bytesSince(mark); // { sent, received }
import { createServer, request } from "node:http";

export function startFaultProxy(port, target) {
  const upstream = new URL(target);
  const requests = [];
  const sockets = new Set();
  const state = { mode: "pass", delayMs: 2000 };
  const down = new Set();
  const server = createServer((req, res) => {
    const record = {
      method: req.method,
      path: req.url,
      auth: req.headers.authorization ?? "",
      cookie: req.headers.cookie ?? "",
      mode: state.mode,
      sent: 0,
      received: 0,
    };
    requests.push(record);
    const mode = state.mode;
    const auth = req.headers.authorization ?? "";
    if (state.bearer && req.method !== "OPTIONS" && !/^Basic\s/i.test(auth)) {
      if (auth !== `Bearer ${state.bearer.token}`) {
        record.refused = true;
        res.writeHead(401, { "access-control-allow-origin": req.headers.origin ?? "*", "content-type": "application/json" });
        res.end('{"error":"unauthorized","reason":"the token is not valid (fault proxy)"}');
        return;
      }
      req.headers.authorization = state.bearer.basic;
    }
    if (mode === "down" || (down.size > 0 && down.has(basicUser(req.headers.authorization)))) {
      req.socket.destroy();
      return;
    }
    if (mode === "silent") return;
    if (mode === "503") {
      // CORS like the server, so the browser reads the status.
      res.writeHead(503, { "access-control-allow-origin": req.headers.origin ?? "*", "content-type": "application/json" });
      res.end('{"error":"unavailable","reason":"fault proxy"}');
      return;
    }
    const forward = () => {
      const out = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          if (mode === "reset") {
            const headers = { ...answer.headers };
            delete headers["content-length"];
            res.writeHead(answer.statusCode, headers);
            answer.once("data", (chunk) => {
              res.write(chunk.subarray(0, Math.max(1, chunk.length >> 1)));
              setTimeout(() => req.socket.destroy(), 20);
            });
            return;
          }
          res.writeHead(answer.statusCode, answer.headers);
          answer.on("data", (chunk) => {
            record.received += chunk.length;
          });
          answer.pipe(res);
        },
      );
      out.on("error", () => req.socket.destroy());
      // Counted as forwarded (a listener added earlier would start the
      // flow before a delayed pipe).
      req.on("data", (chunk) => {
        record.sent += chunk.length;
      });
      req.pipe(out);
    };
    if (mode === "delay") setTimeout(forward, state.delayMs);
    else forward();
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => {
      ok({
        url: `http://127.0.0.1:${port}`,
        requests,
        down,
        get mode() {
          return state.mode;
        },
        set mode(m) {
          state.mode = m;
        },
        get bearer() {
          return state.bearer;
        },
        set bearer(b) {
          state.bearer = b;
        },
        get delayMs() {
          return state.delayMs;
        },
        set delayMs(ms) {
          state.delayMs = ms;
        },
        /** How many requests with `what` in the path ("_bulk_docs") came,
         * by `method` (default POST; CORS preflights are OPTIONS). */
        count: (what, method = "POST") => requests.filter((r) => r.method === method && r.path.includes(what)).length,
        /** The body bytes of the requests from index `from` on: sent to
         * the server and received from it. */
        bytesSince: (from) =>
          requests.slice(from).reduce((t, r) => ({ sent: t.sent + r.sent, received: t.received + r.received }), { sent: 0, received: 0 }),
        close: () =>
          new Promise((c) => {
            for (const s of sockets) s.destroy();
            server.close(() => c());
          }),
      });
    });
  });
}

/** The user name of a Basic `authorization` header ("" without one). */
function basicUser(header) {
  const m = /^Basic\s+(\S+)/i.exec(header ?? "");
  return m ? Buffer.from(m[1], "base64").toString("utf8").split(":")[0] : "";
}
