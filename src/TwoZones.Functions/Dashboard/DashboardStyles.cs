namespace TwoZones.Functions.Dashboard;

/// <summary>The dashboard's inline style sheet (the page loads nothing from elsewhere).</summary>
internal static class DashboardStyles
{
    // Below 720 px the tables become one card per row, each cell labelled by its column (data-label), so nothing scrolls sideways.
    public const string Css =
        """
        :root{color-scheme:light;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--commenced:#2f6fb5;--completed:#2a7a44;--overdue:#b42318;--focus:#8a4b00}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--fg);background:#f6f8fa}
        .skip{position:absolute;left:8px;top:-48px;background:#fff;color:var(--fg);padding:8px 12px;border:2px solid var(--focus);z-index:1}
        .skip:focus{top:8px}
        a:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
        header{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:8px;padding:16px 24px;background:#fff;border-bottom:1px solid var(--line)}
        header h1{margin:0;font-size:22px}
        main{max-width:1100px;margin:0 auto;padding:16px 24px 40px}
        section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:16px 0;min-width:0}
        h2{margin:0 0 12px;font-size:18px}
        .muted{color:var(--muted)}
        .figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:12px;margin:12px 0}
        .figure{border:1px solid var(--line);border-radius:6px;padding:8px 12px}
        .figure b{display:block;font-size:22px}
        .figure.overdue b{color:var(--overdue)}
        .meter{display:grid;grid-template-columns:190px minmax(80px,1fr) 64px;align-items:center;gap:12px;margin:6px 0}
        .bar{height:14px;background:#eaeef2;border:1px solid #8c959f;border-radius:7px;overflow:hidden;min-width:60px}
        .bar>span{display:block;height:100%}
        .bar.commenced>span{background:var(--commenced)}
        .bar.completed>span{background:var(--completed);background-image:repeating-linear-gradient(45deg,transparent 0 4px,rgba(255,255,255,.35) 4px 7px)}
        .bar.indicator>span{background:var(--commenced)}
        .pct{font-variant-numeric:tabular-nums;text-align:right;white-space:nowrap}
        table{width:100%;border-collapse:collapse}
        th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle;overflow-wrap:anywhere}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;overflow-wrap:normal;white-space:nowrap}
        tbody th[scope=row]{font-weight:600;min-width:9em}
        td.bars{min-width:200px;width:34%}
        .pair{display:grid;grid-template-columns:auto minmax(60px,1fr) 52px;align-items:center;gap:4px 8px}
        .pair .pct{font-size:13px}
        .pair .tag{font-size:13px;color:var(--muted);white-space:nowrap;overflow-wrap:normal}
        tbody th[scope=rowgroup]{background:#f6f8fa}
        .state{font-size:13px}
        svg text{font-size:12px;fill:var(--muted)}
        .legend{display:flex;flex-wrap:wrap;gap:16px;margin:4px 0}
        .swatch{display:inline-block;width:18px;height:0;margin-right:6px;vertical-align:middle;border-top:3px solid var(--commenced)}
        .swatch.completed{border-top:3px dashed var(--completed)}
        a{color:#2060a8}
        .print-only{display:none}
        code.hash{font-size:13px;overflow-wrap:anywhere;word-break:break-all}
        #as-of-form{display:flex;flex-wrap:wrap;align-items:center;gap:6px 8px;margin:4px 0 8px}
        #as-of-form input,#as-of-form button{font:inherit;padding:2px 6px}
        #as-of-form :focus-visible{outline:3px solid var(--focus);outline-offset:2px}
        @media (max-width:720px){
          header,main{padding-left:12px;padding-right:12px}
          section{padding:12px}
          .meter{grid-template-columns:minmax(0,1fr) 64px}
          .meter>span:first-child{grid-column:1/-1}
          table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
          table.cards tr{display:block;border-bottom:1px solid var(--line);padding:6px 0}
          table.cards th,table.cards td{display:block;border:0;padding:2px 0;text-align:left;width:auto;min-width:0}
          table.cards td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}
          table.cards td.bars::before{display:block}
        }
        @media print{
          @page{size:A4;margin:8mm}
          body{background:#fff;font-size:7.5pt;line-height:1.2}
          .skip,#language-switch,#as-of-form,.screen-only{display:none}
          code.hash{font-size:6.5pt}
          .print-only{display:inline;margin-left:2mm}
          header{padding:0 0 1mm;border:0}
          header h1{font-size:12pt}
          main{max-width:none;padding:0;display:grid;grid-template-columns:1fr 1fr;gap:0 5mm}
          section{border:0;border-radius:0;padding:0;margin:0 0 1.5mm;break-inside:avoid}
          #overall,#programmes,#indicators{grid-column:1/-1}
          h2{font-size:9pt;margin:0 0 .5mm}
          p{margin:0 0 .5mm}
          .figures{grid-template-columns:repeat(6,1fr);gap:1.5mm;margin:.5mm 0}
          .figure{padding:.5mm 1.5mm}
          .figure b{font-size:10pt}
          .meter{grid-template-columns:35mm 1fr 12mm;gap:2mm;margin:0}
          th,td{padding:.2mm 1mm}
          tbody th[scope=row]{min-width:0}
          .pair{grid-template-columns:auto minmax(12mm,1fr) 10mm;gap:0 1.5mm}
          td.bars{width:34%}
          #agencies .pair,#districts .pair{grid-template-columns:minmax(10mm,1fr) 10mm}
          #agencies .tag,#districts .tag,#agencies th:nth-child(n+3):nth-child(-n+5),#agencies td:nth-child(n+3):nth-child(-n+5),#districts th:nth-child(n+3):nth-child(-n+5),#districts td:nth-child(n+3):nth-child(-n+5){display:none}
          .pair .pct,.pair .tag,.state{font-size:6.5pt}
          .bar{height:2mm}
          #trend-chart{max-height:28mm}
          #trend-summary{font-size:6.5pt}
          #overdue table{display:none}
          *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        }
        """;
}
