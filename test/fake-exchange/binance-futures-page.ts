/**
 * The local demo exchange page: a page in the style of a Binance USDⓈ-M futures trading screen,
 * served at the real path (/{lang}/futures/{MARKET}) so that the content script runs on it as on
 * binance.com. It shows only what an exchange page shows (the contract, its mark price and an
 * order form); Margin Lens's overlay is what the extension adds on top. Clearly labelled as a
 * local demo so that no one mistakes it for the exchange.
 */
export interface FuturesPageModel {
  readonly marketId: string;
  readonly markPrice: string;
}

export function binanceFuturesPage(model: FuturesPageModel): string {
  const market = escapeHtml(model.marketId);
  const mark = escapeHtml(model.markPrice);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${market} Perpetual | Local demo exchange</title>
<style>
  body { margin: 0; background: #0b0e11; color: #eaecef; font: 13px/1.4 system-ui, sans-serif; }
  .bar { display: flex; gap: 24px; align-items: center; padding: 10px 16px; background: #181a20; border-bottom: 1px solid #2b3139; }
  .logo { color: #f0b90b; font-weight: 700; }
  .demo { margin-left: auto; color: #848e9c; font-size: 12px; }
  .layout { display: grid; grid-template-columns: 1fr 300px; gap: 1px; background: #2b3139; min-height: calc(100vh - 44px); }
  .panel { background: #0b0e11; padding: 16px; }
  .symbol { font-size: 20px; font-weight: 600; }
  .mark { color: #0ecb81; font-size: 20px; font-variant-numeric: tabular-nums; }
  .chart { height: 320px; margin-top: 16px; border: 1px solid #2b3139; border-radius: 4px; display: flex; align-items: center; justify-content: center; color: #474d57; }
  label { display: block; color: #848e9c; margin: 12px 0 4px; }
  input { width: 100%; box-sizing: border-box; background: #2b3139; border: 1px solid #474d57; color: #eaecef; padding: 8px; border-radius: 4px; }
  .buttons { display: flex; gap: 8px; margin-top: 16px; }
  button { flex: 1; padding: 10px; border: 0; border-radius: 4px; color: #fff; font-weight: 600; }
  .buy { background: #0ecb81; } .sell { background: #f6465d; }
</style>
</head>
<body>
  <div class="bar"><span class="logo">EXCHANGE</span><span>Futures</span><span>USDT-M</span>
    <span class="demo">Local demo exchange served by Margin Lens on 127.0.0.1, not Binance</span></div>
  <div class="layout">
    <section class="panel">
      <div><span class="symbol" id="symbol">${market}</span> Perpetual</div>
      <div>Mark price <span class="mark" id="mark-price">${mark}</span></div>
      <div class="chart">chart</div>
    </section>
    <form class="panel" id="order-form" onsubmit="return false">
      <label for="price">Price (USDT)</label><input id="price" value="${mark}">
      <label for="size">Size</label><input id="size" value="0.1">
      <div class="buttons"><button type="button" class="buy">Buy/Long</button><button type="button" class="sell">Sell/Short</button></div>
    </form>
  </div>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
