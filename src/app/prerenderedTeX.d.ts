/** KaTeX's HTML for tex.ts' PRERENDERED_TEX, keyed by texKey(), made by vite.config.ts. */
declare module 'virtual:prerendered-tex' {
  const html: Readonly<Record<string, string>>;
  export default html;
}
