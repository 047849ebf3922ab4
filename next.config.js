// An intranet server must never try to reach the internet: Next's usage telemetry is off for
// build, dev and the server alike (this file is read by all three before telemetry starts).
process.env.NEXT_TELEMETRY_DISABLED = "1";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite loads its WebAssembly and data files from its own package folder at run time;
  // pdf.js (the importer) loads its worker file beside itself.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pdfjs-dist"],
};

module.exports = nextConfig;
