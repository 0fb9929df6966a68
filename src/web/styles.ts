/*
 * The pages' one stylesheet, served from /assets (CSP allows no inline style). Mobile first;
 * every text/background pair meets WCAG AA (4.5:1) — the verdict colours are above 7:1.
 * Khmer glyphs come from the self-hosted Noto Sans Khmer (unicode-range keeps Latin-only
 * text from downloading it); Latin text uses the phone's own UI font.
 */
export const CSS = `
@font-face{font-family:"Noto Sans Khmer";font-style:normal;font-weight:400;font-display:swap;src:url(noto-sans-khmer-400.woff2) format("woff2");unicode-range:U+1780-17FF,U+19E0-19FF,U+200C-200D,U+25CC}
@font-face{font-family:"Noto Sans Khmer";font-style:normal;font-weight:700;font-display:swap;src:url(noto-sans-khmer-700.woff2) format("woff2");unicode-range:U+1780-17FF,U+19E0-19FF,U+200C-200D,U+25CC}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font-family:"Noto Sans Khmer",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f3f4f6;color:#16191d;line-height:1.55;font-size:1rem}
:lang(km) body,body:lang(km){line-height:1.8}
a{color:#0b4f9c}a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible{outline:3px solid #f2b705;outline-offset:2px}
.top{display:flex;align-items:center;justify-content:space-between;gap:.5rem;padding:.6rem 1rem;background:#1c2a3a;color:#fff}
.top a{color:#fff}.brand{font-weight:700;text-decoration:none;letter-spacing:.02em}
.lang{border:1px solid #fff;border-radius:999px;padding:.15rem .8rem;text-decoration:none;font-size:.95rem}
main{max-width:42rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}
.wide{max-width:64rem}
h1{font-size:1.5rem;line-height:1.3;margin:.2rem 0 .8rem}h2{font-size:1.15rem;margin:0 0 .6rem}
.verdict{border-radius:.8rem;padding:1.1rem 1.2rem;color:#fff;margin-bottom:1rem;display:flex;gap:.9rem;align-items:flex-start}
.verdict .icon{font-size:2.6rem;line-height:1;font-weight:700;flex:none}
.verdict>div{flex:1;min-width:0}
.verdict .word{font-size:clamp(1.35rem,6.6vw,1.9rem);font-weight:800;line-height:1.15;margin:0;letter-spacing:.02em;overflow-wrap:normal}
:lang(km) .verdict .word{letter-spacing:0;font-size:clamp(1.3rem,6.2vw,1.7rem);line-height:1.5}.nw{white-space:nowrap}
.verdict p{margin:.35rem 0 0;font-size:1.05rem}
.v-ok{background:#0b6b2f}.v-bad{background:#a4161a}
.card{background:#fff;border-radius:.8rem;padding:1rem 1.1rem;margin-bottom:1rem;border:1px solid #d9dde3}
dl{margin:0}dt{font-size:.85rem;color:#49515c;margin-top:.7rem}dt:first-child{margin-top:0}dd{margin:0;font-size:1.1rem}
.big{font-size:1.35rem;font-weight:700}.alt{display:block;color:#3d4550;font-size:.98rem}
.units{margin:.2rem 0 0;padding-left:1.1rem}.units li{margin:.15rem 0}.code{font-family:ui-monospace,Menlo,Consolas,monospace,"Noto Sans Khmer";font-size:.9em;color:#3d4550}
.unverified{background:#eef0f3;border:2px dashed #8a929c}.unverified dd,.unverified .big,.unverified .alt,.unverified .code{color:#4f5762}
.unverified-label{margin:0 0 .7rem;padding:.35rem .6rem;border-radius:.4rem;background:#fbe4e4;color:#8c1215;font-weight:700}
.acc{display:inline-block;margin-top:.3rem;padding:.1rem .55rem;border-radius:.4rem;font-size:.92rem}
.acc-ok{background:#e3f4e8;color:#0b5a28}.acc-bad{background:#fbe4e4;color:#8c1215}
.checks{list-style:none;padding:0;margin:0}.checks li{padding:.45rem 0;border-top:1px solid #e6e8ec}.checks li:first-child{border-top:0}
.st{font-weight:700}.st-passed{color:#0b5a28}.st-failed{color:#a4161a}.st-skipped{color:#6b4e00}
.small{font-size:.88rem;color:#49515c}
.tech{margin-top:.6rem;font-size:.85rem;color:#3d4550}.tech summary{cursor:pointer;color:#0b4f9c;padding:.6rem 0}.tech ul{padding-left:1.1rem;margin:.3rem 0}.tech li{margin:.3rem 0}
.muted{color:#49515c}
.btn{display:inline-block;font:inherit;font-weight:600;background:#0b4f9c;color:#fff;border:0;border-radius:.55rem;padding:.6rem 1rem;text-decoration:none;cursor:pointer;min-height:44px}
.btn.secondary{background:#fff;color:#0b4f9c;border:2px solid #0b4f9c}
.btn.danger{background:#a4161a}
.btns{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
label{display:block;font-weight:600;margin:.8rem 0 .25rem}
input[type=text],input[type=url],input[type=password],input[type=search],input[type=email],input[type=tel],input[type=date],input[type=number],textarea,select{width:100%;font:inherit;padding:.55rem .6rem;border:1px solid #8a929c;border-radius:.45rem;background:#fff;color:#16191d}
textarea{min-height:6rem}
.err{color:#a4161a;font-weight:600}.field-err{color:#a4161a;font-size:.9rem;margin:.2rem 0 0}
.notice{background:#e7f0fb;border-left:4px solid #0b4f9c;padding:.6rem .8rem;margin-bottom:1rem}
.notice.bad{background:#fbe4e4;border-color:#a4161a}
.share{width:100%;font-family:ui-monospace,Menlo,Consolas,monospace,"Noto Sans Khmer";font-size:.85rem}
video{width:100%;max-height:60vh;background:#000;border-radius:.5rem}
table{width:100%;border-collapse:collapse;background:#fff;overflow-wrap:break-word}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #e0e3e8;vertical-align:top}th{font-size:.85rem;color:#49515c}
.pill{display:inline-block;border-radius:999px;padding:0 .55rem;font-size:.85rem;font-weight:600;white-space:nowrap}
/* On a phone a table's columns would be too narrow for whole words ("Learn/er"): each row
   becomes a block of "label: value" lines instead, the labels from each cell's data-label. */
@media(max-width:40rem){
  .stack,.stack tbody,.stack tr,.stack td{display:block}.stack thead{display:none}
  .stack{overflow-wrap:anywhere}.stack tr{border-bottom:1px solid #c9ced6;padding:.35rem 0}
  .stack td{border:0;padding:.2rem .5rem .2rem 7.6rem}
  .stack td::before{content:attr(data-label);float:left;width:6.6rem;margin-left:-7.1rem;font-size:.85rem;font-weight:600;color:#49515c;overflow-wrap:normal}
  .stack td::after{content:"";display:block;clear:both}
}
.p-active{background:#e3f4e8;color:#0b5a28}.p-revoked{background:#fbe4e4;color:#8c1215}.p-suspended{background:#fff1d0;color:#6b4e00}
.r-issued{background:#e3f4e8;color:#0b5a28}.r-existing{background:#e7f0fb;color:#0b3f7c}.r-failed{background:#fbe4e4;color:#8c1215}.r-pending{background:#eceef1;color:#3d4550}
progress{width:100%;height:1.2rem;accent-color:#0b5a28}
input[type=file]{font:inherit;max-width:100%}
.nav{display:flex;flex-wrap:wrap;gap:.4rem 1rem;margin-bottom:1rem;align-items:center}
.row{display:grid;gap:0 1rem}
@media(min-width:40rem){.row{grid-template-columns:1fr 1fr}}
.inline{display:inline}
.wrap{word-break:break-all}
.check{display:block;font-weight:400;margin:.25rem 0}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-start;margin:.6rem 0}
[hidden]{display:none!important}
/* the learner's certificate */
.cert{background:#fff;border:1px solid #c9ced6;border-radius:.8rem;padding:1.4rem 1.2rem;text-align:center;margin-bottom:1rem}
.cert .inst{font-weight:700;font-size:1.15rem;margin:0}.cert .inst-alt{color:#3d4550;margin:0 0 .8rem}
.cert .kind{letter-spacing:.12em;text-transform:uppercase;color:#7a5a00;font-weight:700;font-size:.9rem;margin:.6rem 0}
.cert .who{font-size:1.8rem;font-weight:700;margin:.2rem 0 0;line-height:1.3}.cert .who-alt{font-size:1.2rem;margin:0}
.cert .what{font-size:1.35rem;font-weight:700;margin:.3rem 0}
.cert .units{text-align:left;display:inline-block;margin:.5rem auto}
.cert .meta{display:flex;flex-wrap:wrap;justify-content:center;gap:.3rem 1.5rem;margin:.8rem 0}
.cert .qr{width:9rem;height:9rem;display:block;margin:.6rem auto 0}
.cert .cid{font-family:ui-monospace,Menlo,Consolas,monospace,"Noto Sans Khmer";font-size:.8rem;color:#49515c;word-break:break-all}
.rule{border:0;border-top:2px solid #c9a227;width:5rem;margin:.8rem auto}
@media print{
  @page{size:A4;margin:12mm}
  body{background:#fff;font-size:11pt}
  .top,.noprint,.btns,nav,footer{display:none!important}
  main{max-width:none;padding:0}
  .verdict{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .card{border:1px solid #999;break-inside:avoid}
  .cert{border:3px double #7a5a00;border-radius:0;padding:14mm 12mm;height:265mm;overflow:hidden;display:flex;flex-direction:column;justify-content:center;page-break-after:avoid;break-inside:avoid}
  .cert .who{font-size:24pt}.cert .what{font-size:17pt}.cert .qr{width:38mm;height:38mm}
  a{color:inherit;text-decoration:none}
}
footer{max-width:42rem;margin:0 auto;padding:0 1rem 2rem;font-size:.85rem;color:#49515c}
.pin{font-size:2rem;letter-spacing:.3em;font-family:ui-monospace,Menlo,Consolas,monospace;white-space:nowrap}.qr{display:block;max-width:100%;height:auto}
.charts{display:grid;gap:1rem;margin-bottom:1rem}.chart svg{display:block;width:100%;overflow:visible}
.chart table{width:100%}.num{text-align:right;font-variant-numeric:tabular-nums}
.kpis{display:grid;grid-template-columns:1fr 1fr;gap:.6rem;margin:0}.kpis div{background:#eef2f7;border-radius:.5rem;padding:.5rem .7rem}
.kpis dt{font-size:.85rem;color:#49515c}.kpis dd{margin:0;font-size:1.5rem;font-weight:700}
@media(min-width:60rem){.charts{grid-template-columns:1fr 1fr}.kpis{grid-template-columns:repeat(4,1fr)}}
`;

/**
 * The API reference's own additions to Scalar's styles: the Khmer font (the examples and
 * descriptions carry Khmer; Scalar's default fonts are off, as they would come from its CDN)
 * and system fonts for the rest.
 */
export const DOCS_CSS = `@font-face{font-family:"Noto Sans Khmer";font-style:normal;font-weight:400;font-display:swap;src:url(noto-sans-khmer-400.woff2) format("woff2");unicode-range:U+1780-17FF,U+19E0-19FF,U+200C-200D,U+25CC}
@font-face{font-family:"Noto Sans Khmer";font-style:normal;font-weight:700;font-display:swap;src:url(noto-sans-khmer-700.woff2) format("woff2");unicode-range:U+1780-17FF,U+19E0-19FF,U+200C-200D,U+25CC}
:root,.light-mode,.dark-mode{--scalar-font:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans Khmer",sans-serif;--scalar-font-code:ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans Khmer",monospace}
body{margin:0}`;
