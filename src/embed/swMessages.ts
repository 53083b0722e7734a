/** What the page may say to the service worker (src/embed/sw.ts), shared by both sides. */

/** Sent to a waiting worker when the reader chooses to load the new version. */
export const SKIP_WAITING = 'lstm-notebook-sw:skip-waiting';

/** The built worker's name, beside index.html; registered relative to the page. */
export const SW_FILE = 'sw.js';
