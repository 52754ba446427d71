// The page of `guantong serve` as a clerk uses it, in Debian's headless Chromium driven by
// playwright-core: choose the sample roster, screen it, wait, download the workbook, close the
// task. Screenshots go to docs/ to be looked at. Run by scripts/browser-test.sh.
//
//   node serve.mjs URL ROSTER DOWNLOAD.xlsx SCREENSHOT_DIR
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, roster, saveAs, shots] = process.argv.slice(2);
if (!shots) {
  console.error("用法：node serve.mjs 地址 名册 下载到.xlsx 截图文件夹");
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), "guantong-chromium-"));
// A fresh, empty profile (playwright's own way of passing --user-data-dir).
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    // The language of a clerk's browser (navigator.language, Accept-Language).
    "--lang=zh-CN",
  ],
  acceptDownloads: true,
  viewport: { width: 1100, height: 900 },
  locale: "zh-CN",
});
const fail = (what) => { throw new Error(what); };
try {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`脚本错误：${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`控制台错误：${m.text()}`); });
  // Nothing may be fetched from anywhere but the server itself.
  const host = new URL(url).host;
  page.on("request", (r) => { if (new URL(r.url()).host !== host) problems.push(`向外部发出请求：${r.url()}`); });

  await page.goto(url);
  if (page.url().includes("token=")) fail(`访问令牌仍在地址栏中：${page.url()}`);
  await page.setInputFiles("#pick-files", roster);
  await page.waitForSelector("#files li");
  await page.fill("#as-of", "2025-12-31");
  await page.screenshot({ path: join(shots, "serve-start.png"), fullPage: true });

  await page.click("#go");
  await page.waitForSelector("#result:not(.hidden)", { timeout: 120_000 });
  const headline = await page.textContent("#headline");
  if (!headline.includes("筛选完成")) fail(`结果不是“筛选完成”：${headline}`);
  const links = await page.$$eval("#downloads a", (as) => as.map((a) => a.textContent));
  if (links.length < 2) fail(`下载链接不全：${links}`);
  const chartRows = await page.$$eval("#routes .chart .line", (ls) => ls.length);
  if (chartRows !== 10) fail(`两条路径的图表应各有 5 行，实际 ${chartRows} 行`);

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#downloads a >> nth=0")]);
  if (download.suggestedFilename() !== "筛选结果.xlsx") fail(`下载的文件名不对：${download.suggestedFilename()}`);
  await download.saveAs(saveAs);
  await page.screenshot({ path: join(shots, "serve-done.png"), fullPage: true });

  await page.click("#close");
  await page.waitForSelector("#result", { state: "hidden" });
  if (problems.length) fail(problems.join("\n"));
  console.log(`页面测试通过：${headline.trim()}；${links.join("、")}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
