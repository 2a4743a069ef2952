/**
 * A screenshot of an HTML report in Debian's headless chromium, for the README:
 * node bench/ts.js bench/html-screenshot.ts report.html docs/html-report.png [height]
 */
import { launchChromium, openFile } from '../test/helpers/chromium';

async function main() {
  const [page, png, height = '1100'] = process.argv.slice(2);
  if (!page || !png) throw new Error('usage: html-screenshot.ts <report.html> <out.png> [height]');
  const browser = await launchChromium({ javaScript: true });
  try {
    const opened = await openFile(browser, page);
    if (opened.errors.length > 0 || opened.requests.length !== 1) throw new Error(`page errors ${opened.errors} or requests ${opened.requests}`);
    await opened.page.screenshot({ path: png, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Number(height) } });
  } finally {
    await browser.close();
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
