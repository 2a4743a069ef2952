/** The page's only stylesheet, inline: the file must open from disk with no request. */
export const PAGE_STYLE = `
:root{--fail:#c62828;--fail-bg:#fdecea;--pass:#2e7d32;--pass-bg:#e8f5e9;--warn:#b26a00;--warn-bg:#fff4e0;--err:#6a1b9a;--err-bg:#f3e5f5;--mute:#5f6368;--line:#e0e0e0;--bg:#fafafa}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#202124;background:var(--bg)}
main{max-width:1180px;margin:0 auto;padding:24px 28px 48px}
h2{font-size:19px;margin:36px 0 12px}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
a{color:#1a56b0}
.verdict{display:flex;gap:28px;align-items:center;padding:22px 28px;border-radius:10px;border-left:10px solid;margin-bottom:8px}
.verdict h1{margin:0;font-size:34px;letter-spacing:.04em}
.verdict p{margin:2px 0}
.verdict .sentence{font-size:19px;font-weight:600}
.verdict .exit{color:var(--mute);font-size:14px}
.verdict.passed{background:var(--pass-bg);border-color:var(--pass)}.verdict.passed h1{color:var(--pass)}
.verdict.failed{background:var(--fail-bg);border-color:var(--fail)}.verdict.failed h1{color:var(--fail)}
.verdict.error{background:var(--err-bg);border-color:var(--err)}.verdict.error h1{color:var(--err)}
.verdict.cancelled{background:var(--warn-bg);border-color:var(--warn)}.verdict.cancelled h1{color:var(--warn)}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;margin:18px 0 0}
.tiles div{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 14px}
.tiles dt{color:var(--mute);font-size:13px}.tiles dd{margin:0;font-size:22px;font-weight:600;font-variant-numeric:tabular-nums}
.tiles small{font-size:14px;font-weight:400;color:var(--mute)}
.tiles .bad dd{color:var(--fail)}.tiles .good dd{color:var(--pass)}.tiles .warn dd{color:var(--warn)}
.legend{color:var(--mute);font-size:13px}.legend i{display:inline-block;width:12px;height:12px;vertical-align:-1px;margin-left:10px}.legend .new{background:var(--fail)}.legend .all{background:#f4a9a3}
.chart{display:block;max-width:100%;height:auto;font-size:13px}
.chart .all{fill:#f4a9a3}.chart .new{fill:var(--fail)}.chart .count{fill:var(--mute)}.chart a:hover text{text-decoration:underline}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{font-size:13px;color:var(--mute);font-weight:600;background:#f1f3f4;position:sticky;top:0}
.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.list tr:hover td{background:#f8f9fa}
th button{all:inherit;cursor:pointer;padding:0}th button:after{content:" \\2195";opacity:.35}
th[aria-sort=ascending] button:after{content:" \\2191";opacity:1}th[aria-sort=descending] button:after{content:" \\2193";opacity:1}
.s{display:inline-block;min-width:74px;text-align:center;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;white-space:nowrap}
.s.passed{background:var(--pass-bg);color:var(--pass)}.s.failed{background:var(--fail-bg);color:var(--fail)}
.s.warned,.s.cancelled{background:var(--warn-bg);color:var(--warn)}.s.error{background:var(--err-bg);color:var(--err)}
.s.no-validators{background:#f1f3f4;color:var(--mute)}
.controls{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:0 0 10px}
.controls input,.controls select,.controls button{font:inherit;padding:4px 8px;border:1px solid #c4c7c5;border-radius:6px;background:#fff}
.controls output{color:var(--mute);margin-right:auto}
.d{background:#fff;border:1px solid var(--line);border-left:6px solid var(--line);border-radius:8px;margin:0 0 10px;padding:0 16px}
.many .d{content-visibility:auto;contain-intrinsic-size:auto 46px}
@media print{.many .d{content-visibility:visible}}
.d.failed{border-left-color:var(--fail)}.d.warned,.d.cancelled{border-left-color:var(--warn)}.d.error{border-left-color:var(--err)}
.d summary{cursor:pointer;padding:10px 0}.d[open] summary{border-bottom:1px solid var(--line);margin-bottom:10px}
.d .headline{color:var(--mute)}
.d table{margin:0 0 14px}
caption{text-align:left;font-weight:600;padding:4px 0 6px}
.v :is(td,th):nth-child(3),.v :is(td,th):nth-child(4){text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.v td:nth-child(5){width:22%}.v td i{display:block;height:12px;margin-top:5px;background:var(--fail);border-radius:2px}
.d.warned .v td i{background:var(--warn)}
.samples ul{margin:0;padding-left:18px}
.value{color:var(--mute)}
.scan-error{color:var(--err);font-weight:600}
.note,.notes,.more,.none{color:var(--mute)}
.tiles+.notes{margin-top:12px}
.notes{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0 0 14px}.notes dt{font-weight:600}.notes dd{margin:0}
footer{margin-top:40px;color:var(--mute);font-size:13px}
`;
