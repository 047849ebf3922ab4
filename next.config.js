/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite loads its WebAssembly and data files from its own package folder at run time;
  // pdf.js (the importer) loads its worker file beside itself.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pdfjs-dist"],
};

module.exports = nextConfig;
