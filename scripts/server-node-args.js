// The flags of the Node process that serves the app. Every way of starting the production server passes them
// (scripts/start.js, scripts/e2e-server.js, the benchmarks' harness and turns.ts), so what is measured is what runs.
//
// A larger young generation: a page request allocates a few MB that die with it (React's render, React Router's
// data encoding, the Request/Response objects), and with V8's default semi-space these objects were scavenged
// several times a second and partly promoted to the old generation; the garbage collector was 12–17 % of the sign-in
// page's own CPU. 32 MB semi-spaces (96 MB of young generation at most, allocated only as it grows) — README
// "Performance" has the A/B figures.
export const serverNodeArgs = ["--max-semi-space-size=32"];
